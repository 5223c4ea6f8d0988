namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The outcome of checking a TOTP code against a secret.</summary>
/// <param name="Outcome">Matched, mismatch, malformed or replay.</param>
/// <param name="Step">The time step the code matched; null unless matched.</param>
internal readonly record struct TotpMatch(CodeCheck Outcome, long? Step);
