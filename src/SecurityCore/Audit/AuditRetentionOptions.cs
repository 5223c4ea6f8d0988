namespace McpSecurity.SecurityCore.Audit;

/// <summary>Options of the audit retention cut (configuration section <c>AuditRetention</c>).</summary>
public sealed class AuditRetentionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AuditRetention";

    /// <summary>The default retention: six years (HIPAA, 45 CFR 164.316(b)(2)), counted as 2192 days.</summary>
    public static readonly TimeSpan SixYears = TimeSpan.FromDays(2192);

    /// <summary>Gets or sets how long entries are kept. Defaults to six years; at least one day.</summary>
    /// <remarks>Entries older than this are removed by the next cut; a signed cut record keeps the rest verifiable.</remarks>
    public TimeSpan Period { get; set; } = SixYears;

    /// <summary>Gets or sets whether the scheduled cut runs. Defaults to true (the <c>audit retention</c> verb runs regardless).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how often the scheduled cut runs. Defaults to one day.</summary>
    public TimeSpan RunInterval { get; set; } = TimeSpan.FromDays(1);
}
