namespace McpSecurity.SecurityCore.Audit;

/// <summary>Options of the tamper-evident audit trail (configuration section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Audit";

    /// <summary>Gets or sets after how many new entries a signed checkpoint is made. Defaults to 1000.</summary>
    public int CheckpointEveryEntries { get; set; } = 1000;

    /// <summary>Gets or sets after how long a signed checkpoint is made when new entries exist. Defaults to one minute.</summary>
    /// <remarks>Entries after the last checkpoint are protected by the hash chain only; a short interval narrows that window.</remarks>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the most events one group commit writes in one transaction. Defaults to 2048.</summary>
    public int MaxBatchSize { get; set; } = 2048;

    /// <summary>Gets or sets a file every checkpoint is appended to as one JSON line (an external anchor); none by default.</summary>
    /// <remarks>Put it outside the data directory (another disk, a write-once mount): a removed tail is detected against it.</remarks>
    public string? AnchorFilePath { get; set; }

    /// <summary>Gets or sets a URL every checkpoint is POSTed to as JSON (an external anchor); none by default.</summary>
    /// <remarks>https, or http for loopback addresses only.</remarks>
    public string? AnchorWebhookUrl { get; set; }

    /// <summary>Gets or sets how long one webhook delivery may take. Defaults to ten seconds.</summary>
    public TimeSpan AnchorWebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets further detail names that are dropped before an event enters the trail (added to the built-in secrets).</summary>
    public IList<string> DropFields { get; set; } = [];

    /// <summary>Gets or sets further detail names whose values are replaced by a keyed hash prefix (added to the built-in patient and contact fields).</summary>
    public IList<string> HashFields { get; set; } = [];
}
