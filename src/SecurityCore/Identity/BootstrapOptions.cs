namespace McpSecurity.SecurityCore.Identity;

/// <summary>Options for the first administrator (configuration section <c>Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Bootstrap";

    /// <summary>Gets or sets the first administrator's username. Defaults to <c>admin</c>.</summary>
    public string AdminUser { get; set; } = "admin";

    /// <summary>Gets or sets the first administrator's password; when empty a random one is generated and must be changed.</summary>
    /// <remarks>A chosen password must pass the password policy; it need not be changed then.</remarks>
    public string? AdminPassword { get; set; }
}
