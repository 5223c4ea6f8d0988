namespace McpSecurity.Server.Http;

/// <summary>The policies in force.</summary>
/// <param name="Policies">Every enabled policy, in order.</param>
internal sealed record RateLimitPolicyListOutput(IReadOnlyList<RateLimitPolicyOutput> Policies);
