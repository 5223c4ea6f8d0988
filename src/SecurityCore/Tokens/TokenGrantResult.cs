namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The outcome of a grant: tokens, a second-factor challenge, a required password change, or a refusal.</summary>
public sealed record TokenGrantResult
{
    /// <summary>Gets the tokens when the grant succeeded.</summary>
    public TokenResponse? Tokens { get; init; }
    /// <summary>Gets the challenge when the account needs a second factor (<c>mfa_required</c>).</summary>
    public MfaChallenge? Challenge { get; init; }
    /// <summary>Gets whether <see cref="Challenge"/> is an enrolment challenge (<c>mfa_enrollment_required</c>): it permits only enrolling a second factor.</summary>
    public bool EnrollmentRequired { get; init; }
    /// <summary>Gets the recovery codes, shown once, when a login finished by enrolling the account's first factor.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; init; }
    /// <summary>Gets whether the account must change its password first.</summary>
    public bool PasswordChangeRequired { get; init; }
    /// <summary>Gets the stable error code when refused.</summary>
    public string? ErrorCode { get; init; }
    /// <summary>Gets the RFC 6749 section 5.2 error (<c>invalid_grant</c>, <c>invalid_client</c>, <c>invalid_scope</c>, ...).</summary>
    public string? OAuthError { get; init; }
    /// <summary>Gets a caller-safe message when refused.</summary>
    public string? Message { get; init; }
    /// <summary>Gets whether the grant yielded tokens.</summary>
    public bool Succeeded => Tokens is not null;

    /// <summary>Creates a success.</summary>
    public static TokenGrantResult Success(TokenResponse tokens) => new() { Tokens = tokens };
    /// <summary>Creates a refusal.</summary>
    public static TokenGrantResult Failure(string errorCode, string oauthError, string message) =>
        new() { ErrorCode = errorCode, OAuthError = oauthError, Message = message };
}
