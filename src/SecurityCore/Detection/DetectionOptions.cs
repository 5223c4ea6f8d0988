namespace McpSecurity.SecurityCore.Detection;

/// <summary>Attack pattern detection and its automated responses (configuration section <c>Detection</c>).</summary>
/// <remarks>Every pattern has production defaults; a pattern's thresholds, window, severity and responses may be changed one key at a time.</remarks>
public sealed class DetectionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Detection";

    /// <summary>Gets or sets whether detection runs at all. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the addresses and CIDR networks that are never blocked (for example a monitoring host or the office NAT).</summary>
    /// <remarks>Empty by default: loopback is not allow-listed, so a local attack is answered like any other.</remarks>
    public string[]? AllowList { get; set; }

    /// <summary>Gets or sets how many keys (accounts, addresses) each pattern tracks at most; the least recently seen are forgotten first. Defaults to 10000.</summary>
    public int MaxTrackedKeys { get; set; } = 10_000;

    /// <summary>Gets or sets how many events an incident keeps as evidence (the newest). Defaults to 20.</summary>
    public int EvidenceSampleSize { get; set; } = 20;

    /// <summary>Gets or sets how often a shared (Redis) block list reloads every block, besides the announcements. Defaults to 30 seconds.</summary>
    public TimeSpan BlockResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets many failed logins (and second-factor codes) on one account. Threshold: failures. Default 10 in 5 minutes, high, lock_account for 30 minutes.</summary>
    public DetectionPatternOptions BruteForce { get; set; } = new() { Threshold = 10, Window = TimeSpan.FromMinutes(5), Severity = "high" };

    /// <summary>Gets or sets failed logins on many accounts from one address. Threshold: distinct accounts. Default 10 in 10 minutes, high, block_address for 1 hour.</summary>
    public DetectionPatternOptions CredentialStuffing { get; set; } = new() { Threshold = 10, Window = TimeSpan.FromMinutes(10), Severity = "high", BlockDuration = TimeSpan.FromHours(1) };

    /// <summary>Gets or sets few failures per account over many accounts from many addresses. Threshold: distinct accounts. Default 20 in 30 minutes from at least 5 addresses, at most 3 per account, high, no response.</summary>
    public DetectionPatternOptions PasswordSpraying { get; set; } = new() { Threshold = 20, Window = TimeSpan.FromMinutes(30), Severity = "high" };

    /// <summary>Gets or sets a redeemed refresh token presented again. Threshold: reuses (default 1), high, revoke_sessions.</summary>
    public DetectionPatternOptions RefreshTokenReuse { get; set; } = new() { Threshold = 1, Window = TimeSpan.FromMinutes(10), Severity = "high" };

    /// <summary>Gets or sets one address or principal refused by rate limits again and again. Threshold: refused requests. Default 200 in 5 minutes, medium, block_address for 15 minutes.</summary>
    public DetectionPatternOptions RateLimitStorm { get; set; } = new() { Threshold = 200, Window = TimeSpan.FromMinutes(5), Severity = "medium" };

    /// <summary>Gets or sets one address probing identifiers that do not exist. Threshold: distinct unknown identifiers. Default 20 in 10 minutes, medium, block_address for 1 hour.</summary>
    public DetectionPatternOptions Enumeration { get; set; } = new() { Threshold = 20, Window = TimeSpan.FromMinutes(10), Severity = "medium", BlockDuration = TimeSpan.FromHours(1) };

    /// <summary>Gets or sets repeated bad signatures and replays from one address. Threshold: failures. Default 10 in 10 minutes, high, block_address for 1 hour.</summary>
    public DetectionPatternOptions SignatureFailure { get; set; } = new() { Threshold = 10, Window = TimeSpan.FromMinutes(10), Severity = "high", BlockDuration = TimeSpan.FromHours(1) };

    /// <summary>Gets the pattern options by incident type, with their configuration names.</summary>
    internal IEnumerable<(string Type, string Key, DetectionPatternOptions Options)> Patterns()
    {
        yield return (Incidents.IncidentTypes.BruteForce, nameof(BruteForce), BruteForce);
        yield return (Incidents.IncidentTypes.CredentialStuffing, nameof(CredentialStuffing), CredentialStuffing);
        yield return (Incidents.IncidentTypes.PasswordSpraying, nameof(PasswordSpraying), PasswordSpraying);
        yield return (Incidents.IncidentTypes.RefreshTokenReuse, nameof(RefreshTokenReuse), RefreshTokenReuse);
        yield return (Incidents.IncidentTypes.RateLimitStorm, nameof(RateLimitStorm), RateLimitStorm);
        yield return (Incidents.IncidentTypes.Enumeration, nameof(Enumeration), Enumeration);
        yield return (Incidents.IncidentTypes.SignatureFailure, nameof(SignatureFailure), SignatureFailure);
    }

    /// <summary>Gets the responses a pattern runs: the configured ones, else its default.</summary>
    internal static IReadOnlyList<string> ResponsesOf(string type, DetectionPatternOptions options)
    {
        if (options.Responses is { } configured)
        {
            return [.. configured.Where(r => !string.Equals(r, "none", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];
        }

        return type switch
        {
            Incidents.IncidentTypes.BruteForce => [Incidents.IncidentResponseKinds.LockAccount],
            Incidents.IncidentTypes.RefreshTokenReuse => [Incidents.IncidentResponseKinds.RevokeSessions],
            Incidents.IncidentTypes.PasswordSpraying => [],
            _ => [Incidents.IncidentResponseKinds.BlockAddress],
        };
    }
}
