using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Handoff;

/// <summary>The authenticated caller of a hand-off operation, with the facts of its authentication (from its access token).</summary>
/// <param name="Principal">Who acts (id, address, request id).</param>
public sealed record HandoffCaller(ActingPrincipal Principal)
{
    /// <summary>Gets the OAuth client the token was issued to.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the session id (<c>sid</c>).</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the roles the token was issued with (informational: rules use the roles in the store now).</summary>
    public IReadOnlyList<string> TokenRoles { get; init; } = [];

    /// <summary>Gets the authentication methods (<c>amr</c>, RFC 8176: <c>pwd</c>, <c>otp</c>, <c>sms</c>, <c>rec</c>, <c>mfa</c>, ...).</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];

    /// <summary>Gets when the caller authenticated (<c>auth_time</c>).</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }

    /// <summary>Gets when the caller's token expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets whether the session was opened with a second factor (<c>amr</c> holds <c>mfa</c>).</summary>
    public bool SessionMfa => AuthenticationMethods.Contains("mfa", StringComparer.Ordinal);

    /// <summary>Gets how the caller authenticated, by the contract's names (from <c>amr</c> and the client).</summary>
    public AuthenticationMethod? Method => AuthenticationMethods switch
    {
        var amr when amr.Contains("clerk_session", StringComparer.Ordinal) => AuthenticationMethod.ClerkSession,
        var amr when amr.Contains("rec", StringComparer.Ordinal) => AuthenticationMethod.RecoveryCode,
        var amr when amr.Contains("otp", StringComparer.Ordinal) => AuthenticationMethod.PasswordTotp,
        var amr when amr.Contains("sms", StringComparer.Ordinal) => AuthenticationMethod.PasswordSms,
        var amr when amr.Contains("pwd", StringComparer.Ordinal) => AuthenticationMethod.Password,
        var amr when amr.Contains("client_credentials", StringComparer.Ordinal) || amr.Count == 0 && ClientId is not null => AuthenticationMethod.ClientCredentials,
        _ => null,
    };

    /// <summary>Creates a caller known only by its principal (tests, the command line).</summary>
    public static HandoffCaller Of(ActingPrincipal principal) => new(principal);
}
