namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>What the scorer is told about a signing call.</summary>
/// <param name="SubjectId">The signer (a user or client id).</param>
/// <param name="Address">The caller's address.</param>
/// <param name="SecondFactorInCall">Whether a second-factor code was verified in this very call.</param>
/// <param name="SessionMfa">Whether the caller's session was opened with a second factor (<c>amr</c> holds <c>mfa</c>).</param>
public sealed record SignerContext(string SubjectId, string? Address, bool SecondFactorInCall, bool SessionMfa);
