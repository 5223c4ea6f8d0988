namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Scores an address from the product's own observations (recorded security events of the last 24 hours).</summary>
/// <remarks>
/// The score starts at 1 and loses, for events from the address: 0.1 per failed login or second-factor code (at most 0.5,
/// reason <c>failed_logins</c>), 0.25 per account lockout (at most 0.5, <c>account_lockouts</c>), 0.4 per refresh-token reuse
/// (at most 0.8, <c>refresh_token_reuse</c>), 0.2 per forged-looking token (at most 0.6, <c>forged_tokens</c>) and 0.02 per
/// permission refusal (at most 0.2, <c>access_denied</c>). An address never seen is <c>neutral</c> with score 1 (reason
/// <c>no_observations</c>); the local process (<c>stdio</c>, <c>cli</c>, none) is <c>trusted</c> (reason <c>local_process</c>).
/// It also loses 0.005 per request refused by a rate limit (the counts of <c>rate_limit_exceeded</c>, at most 0.3,
/// <c>rate_limit_violations</c>) and 0.6 while the address is blocked (<c>blocked</c>).
/// </remarks>
public interface IAddressReputationService
{
    /// <summary>Scores <paramref name="address"/> now.</summary>
    Task<AddressReputation> EvaluateAsync(string? address, CancellationToken cancellationToken = default);
}
