namespace McpSecurity.SecurityCore.Tokens;

/// <summary>A short-lived second-factor challenge issued instead of tokens.</summary>
/// <param name="ChallengeId">The opaque challenge id the second step presents.</param>
/// <param name="ExpiresAt">When the challenge lapses.</param>
/// <param name="Methods">The second factors the account may use.</param>
public sealed record MfaChallenge(string ChallengeId, DateTimeOffset ExpiresAt, IReadOnlyList<string> Methods);
