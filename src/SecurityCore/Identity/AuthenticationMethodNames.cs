namespace McpSecurity.SecurityCore.Identity;

/// <summary>How a caller authenticated, by the Phase 7 contract's <c>AuthenticationMethod</c> names, derived from <c>amr</c>.</summary>
public static class AuthenticationMethodNames
{
    /// <summary><c>password</c>.</summary>
    public const string Password = "password";
    /// <summary><c>password_totp</c>.</summary>
    public const string PasswordTotp = "password_totp";
    /// <summary><c>password_sms</c>.</summary>
    public const string PasswordSms = "password_sms";
    /// <summary><c>recovery_code</c>.</summary>
    public const string RecoveryCode = "recovery_code";
    /// <summary><c>client_credentials</c>.</summary>
    public const string ClientCredentials = "client_credentials";
    /// <summary><c>clerk_session</c>.</summary>
    public const string ClerkSession = "clerk_session";

    /// <summary>Names the method of a token with <paramref name="amr"/>; null when nothing is known.</summary>
    /// <param name="amr">The token's <c>amr</c> values (RFC 8176 and ours).</param>
    /// <param name="hasClient">Whether the token names a client (a token without <c>amr</c> then came from client credentials).</param>
    public static string? FromAmr(IReadOnlyList<string> amr, bool hasClient)
    {
        ArgumentNullException.ThrowIfNull(amr);
        return amr switch
        {
            _ when amr.Contains("clerk_session", StringComparer.Ordinal) => ClerkSession,
            _ when amr.Contains("rec", StringComparer.Ordinal) => RecoveryCode,
            _ when amr.Contains("otp", StringComparer.Ordinal) => PasswordTotp,
            _ when amr.Contains("sms", StringComparer.Ordinal) => PasswordSms,
            _ when amr.Contains("pwd", StringComparer.Ordinal) => Password,
            _ when amr.Contains("client_credentials", StringComparer.Ordinal) || (amr.Count == 0 && hasClient) => ClientCredentials,
            _ => null,
        };
    }
}
