using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The outcome of exchanging a Clerk session token: the mapped local user to issue our tokens for, or a refusal.</summary>
/// <remarks>The faces hand <see cref="User"/> to the token service with <see cref="AuthenticationMethods"/> as <c>amr</c>.</remarks>
public sealed record ClerkExchangeResult
{
    /// <summary>The <c>amr</c> value of a login through a Clerk session.</summary>
    public const string AuthenticationMethod = "clerk_session";

    /// <summary>Gets the mapped local user (active) when the exchange succeeded.</summary>
    public UserAccount? User { get; init; }

    /// <summary>Gets the Clerk user id (<c>sub</c>) once the token verified.</summary>
    public string? ClerkUserId { get; init; }

    /// <summary>Gets the Clerk session id (<c>sid</c>) once the token verified.</summary>
    public string? ClerkSessionId { get; init; }

    /// <summary>Gets whether the local user was created by this exchange (the first one of this Clerk user).</summary>
    public bool UserCreated { get; init; }

    /// <summary>Gets the authentication methods for <c>amr</c>: <c>clerk_session</c>, plus <c>mfa</c> when Clerk verified a second factor.</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];

    /// <summary>Gets the minutes since Clerk verified the session's second factor (<c>fva</c>); null when it never did.</summary>
    public int? SecondFactorAgeMinutes { get; init; }

    /// <summary>Gets the stable error code when refused (see <see cref="SecurityErrorCodes"/>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a caller-safe message when refused.</summary>
    public string? Message { get; init; }

    /// <summary>Gets whether the exchange yielded a local user.</summary>
    public bool Succeeded => User is not null && ErrorCode is null;

    /// <summary>Creates a refusal.</summary>
    public static ClerkExchangeResult Failure(string errorCode, string message, string? clerkUserId = null, string? clerkSessionId = null) =>
        new() { ErrorCode = errorCode, Message = message, ClerkUserId = clerkUserId, ClerkSessionId = clerkSessionId };
}
