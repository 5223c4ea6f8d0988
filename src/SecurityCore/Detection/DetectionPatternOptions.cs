namespace McpSecurity.SecurityCore.Detection;

/// <summary>The settings of one attack pattern (<c>Detection:&lt;Pattern&gt;</c>): when it fires and what it does then.</summary>
public sealed class DetectionPatternOptions
{
    /// <summary>Gets or sets whether the pattern is watched. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the count that fires the pattern within <see cref="Window"/> (failures, distinct accounts or identifiers, refused requests: see the README).</summary>
    public int Threshold { get; set; }

    /// <summary>Gets or sets the sliding window the count is taken over.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>Gets or sets the severity of the incident: critical, high, medium or low.</summary>
    public string Severity { get; set; } = "high";

    /// <summary>Gets or sets the automated responses (<c>block_address</c>, <c>lock_account</c>, <c>revoke_sessions</c>, or <c>none</c>); null for the pattern's default.</summary>
    public string[]? Responses { get; set; }

    /// <summary>Gets or sets how long an address block lasts.</summary>
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long an account lock lasts.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets (password spraying only) the fewest distinct addresses the failures must come from.</summary>
    public int MinDistinctAddresses { get; set; } = 5;

    /// <summary>Gets or sets (password spraying only) the most failures one account may have and still count as sprayed ("few per account").</summary>
    public int MaxAttemptsPerAccount { get; set; } = 3;
}
