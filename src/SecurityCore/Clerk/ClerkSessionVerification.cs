namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The outcome of verifying a Clerk session token: the session, or a stable code and a caller-safe message.</summary>
/// <param name="Session">The verified session; null when refused.</param>
/// <param name="ErrorCode">Null when verified; otherwise a <see cref="SecurityErrorCodes"/> value.</param>
/// <param name="Message">Null when verified; otherwise why (never the token).</param>
internal sealed record ClerkSessionVerification(ClerkSession? Session, string? ErrorCode, string? Message)
{
    /// <summary>Gets whether the token was verified.</summary>
    public bool Succeeded => Session is not null;

    /// <summary>Creates a refusal.</summary>
    public static ClerkSessionVerification Refused(string code, string message) => new(null, code, message);
}
