namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The reputation of an address from the product's own observations of it over the last 24 hours.</summary>
/// <param name="Ip">The address (<c>local</c> for the command line and stdio sessions).</param>
/// <param name="Score">The score, 0..1 (1 = trusted).</param>
/// <param name="Level">trusted (at least 0.8), neutral (0.5), suspicious (0.2) or malicious (below).</param>
/// <param name="Reasons">The codes behind the score (see <see cref="IAddressReputationService"/>).</param>
/// <param name="FailedLogins24h">Failed logins and second-factor codes from the address.</param>
/// <param name="Lockouts24h">Account lockouts triggered from the address.</param>
/// <param name="RefreshTokenReuse24h">Redeemed refresh tokens presented again from the address.</param>
/// <param name="RateLimitViolations24h">Requests from the address refused by rate limits.</param>
/// <param name="Blocked">Whether the address is blocked now (an automated response or an operator's block).</param>
/// <param name="EvaluatedAt">When the score was computed.</param>
public sealed record AddressReputation(
    string Ip,
    double Score,
    string Level,
    IReadOnlyList<string> Reasons,
    long FailedLogins24h,
    long Lockouts24h,
    long RefreshTokenReuse24h,
    long RateLimitViolations24h,
    bool Blocked,
    DateTimeOffset EvaluatedAt);
