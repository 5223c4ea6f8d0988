using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The ways to get tokens: password, client credentials and refresh; plus RFC 7009 revocation and RFC 7662 introspection.</summary>
/// <remarks>Both faces (MCP tools and HTTP endpoints) call this one service.</remarks>
public interface ITokenGrantService
{
    /// <summary>Authenticates a user by username and password (the login).</summary>
    Task<TokenGrantResult> PasswordAsync(string username, string password, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Completes a login whose password must be changed: checks the current password, sets the new one, issues tokens.</summary>
    Task<TokenGrantResult> ChangePasswordAndLoginAsync(string username, string currentPassword, string newPassword, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Authenticates an agent or service by client id and secret (<c>client_credentials</c>).</summary>
    Task<TokenGrantResult> ClientCredentialsAsync(string clientId, string clientSecret, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Redeems a refresh token (single use) for a new pair in the same family.</summary>
    Task<TokenGrantResult> RefreshAsync(string refreshToken, string? clientId, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Revokes an access or refresh token (RFC 7009); unknown tokens are not an error.</summary>
    Task RevokeAsync(string token, string? tokenTypeHint, string? actor, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Introspects a token (RFC 7662); inactive tokens answer <see cref="TokenIntrospection.Active"/> false.</summary>
    TokenIntrospection Introspect(string token);
    /// <summary>
    /// Signs in a user already authenticated by an external identity provider (for example a verified Clerk session): opens a
    /// session (refresh family) as a password login does, with <paramref name="authenticationMethods"/> as <c>amr</c>.
    /// </summary>
    /// <remarks>Inactive users are refused with <see cref="SecurityErrorCodes.AccountInactive"/>; a user who must have a
    /// second factor here and brings no <c>mfa</c> gets a challenge, as after a password.</remarks>
    Task<TokenGrantResult> SignInExternalAsync(UserAccount user, IReadOnlyList<string> authenticationMethods, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Finishes an <c>mfa_required</c> login with a second-factor code; the challenge is single use and void after too many wrong codes.</summary>
    /// <remarks>Tokens record <c>amr</c> <c>pwd</c>, the method's value (<c>otp</c>, <c>sms</c>, <c>rec</c>) and <c>mfa</c> (RFC 8176).</remarks>
    Task<TokenGrantResult> CompleteMfaAsync(string challengeId, string method, string code, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Sends an SMS login code for an <c>mfa_required</c> challenge to the account's enrolled phone number.</summary>
    /// <exception cref="SecurityException">The challenge is unknown or expired (<see cref="SecurityErrorCodes.MfaChallengeInvalid"/>) or SMS is not enrolled or not deliverable.</exception>
    Task<TwoFactor.SmsCodeDispatch> SendMfaSmsAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Starts a TOTP enrolment for an <c>mfa_enrollment_required</c> challenge (the only thing that challenge permits).</summary>
    /// <exception cref="SecurityException">The challenge is unknown, expired or not an enrolment challenge (<see cref="SecurityErrorCodes.MfaChallengeInvalid"/>).</exception>
    Task<TwoFactor.TotpEnrollment> BeginChallengeTotpEnrollmentAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Confirms the TOTP enrolment of an enrolment challenge with a first code and finishes the login (tokens and recovery codes).</summary>
    Task<TokenGrantResult> ConfirmChallengeTotpEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Starts an SMS enrolment for an enrolment challenge: sends a code to <paramref name="phoneNumber"/>.</summary>
    Task<TwoFactor.SmsCodeDispatch> BeginChallengeSmsEnrollmentAsync(string challengeId, string phoneNumber, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Confirms the SMS enrolment of an enrolment challenge with the code sent and finishes the login (tokens and recovery codes).</summary>
    Task<TokenGrantResult> ConfirmChallengeSmsEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default);
}
