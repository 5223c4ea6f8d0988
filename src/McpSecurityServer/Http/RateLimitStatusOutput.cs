namespace McpSecurity.Server.Http;

/// <summary>The caller's own standing in every policy keyed by who or where it is (dry run: nothing consumed).</summary>
/// <param name="Policies">One entry per policy that could be keyed from the caller alone.</param>
internal sealed record RateLimitStatusOutput(IReadOnlyList<RateLimitCheckOutput> Policies);
