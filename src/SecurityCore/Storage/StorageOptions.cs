namespace McpSecurity.SecurityCore.Storage;

/// <summary>Options of the embedded store (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>Gets or sets the data directory. Defaults to <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Gets or sets the master key for secrets at rest, base64 of 32 bytes.</summary>
    /// <remarks>When empty the key is generated once into <c>&lt;data-dir&gt;/master.key</c> with mode 0600.</remarks>
    public string? MasterKey { get; set; }
}
