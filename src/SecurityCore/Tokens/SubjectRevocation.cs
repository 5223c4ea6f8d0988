namespace McpSecurity.SecurityCore.Tokens;

/// <summary>A subject's "not before": tokens issued at or before <see cref="NotBefore"/> are refused until <see cref="ExpiresAt"/>.</summary>
internal readonly record struct SubjectRevocation(DateTimeOffset NotBefore, DateTimeOffset ExpiresAt);
