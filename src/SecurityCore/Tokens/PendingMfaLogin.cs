namespace McpSecurity.SecurityCore.Tokens;

/// <summary>A login that passed the password step and waits for its second factor.</summary>
/// <param name="ChallengeId">The challenge id handed to the caller.</param>
/// <param name="UserId">The user.</param>
/// <param name="Scopes">The scopes the login asked for.</param>
/// <param name="AuthenticationMethods">The methods already passed (<c>pwd</c>).</param>
/// <param name="ExpiresAt">When the challenge lapses.</param>
internal sealed record PendingMfaLogin(string ChallengeId, string UserId, IReadOnlyList<string> Scopes, IReadOnlyList<string> AuthenticationMethods, DateTimeOffset ExpiresAt)
{
    /// <summary>Gets the second factors offered (for an enrolment challenge: the ones that may be enrolled).</summary>
    public IReadOnlyList<string> Methods { get; init; } = MfaChallengeStore.DefaultMethods;

    /// <summary>Gets whether this challenge permits only enrolment (the account must enrol before it may log in).</summary>
    public bool EnrollmentOnly { get; init; }

    /// <summary>Gets how many wrong codes were presented against this challenge.</summary>
    public int Failures { get; init; }
}
