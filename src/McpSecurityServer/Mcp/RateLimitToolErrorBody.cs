namespace McpSecurity.Server.Mcp;

/// <summary>The code, message, policy and wait of a rate-limited tool call.</summary>
/// <param name="Code">RATE_LIMITED or RATE_LIMIT_STORE_UNAVAILABLE.</param>
/// <param name="Message">A human message.</param>
/// <param name="Policy">The policy that refused.</param>
/// <param name="RetryAfter">Seconds to wait.</param>
internal sealed record RateLimitToolErrorBody(string Code, string Message, string Policy, long RetryAfter);
