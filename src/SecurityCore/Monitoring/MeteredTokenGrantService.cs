using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Counts the authentication attempts of the grants (<c>mcpsec.auth.attempts</c>) around the real service.</summary>
/// <remarks>
/// A password attempt succeeds when the credential was accepted, even if a second factor, an enrolment or a password change
/// must follow; a thrown refusal counts as a failure. External sign-ins are counted by their bridge (Clerk), not here.
/// </remarks>
internal sealed class MeteredTokenGrantService(ITokenGrantService inner, SecurityMetrics metrics) : ITokenGrantService
{
    /// <summary>Wraps <paramref name="inner"/> when metrics are registered.</summary>
    public static ITokenGrantService Wrap(ITokenGrantService inner, SecurityMetrics? metrics) =>
        metrics is null ? inner : new MeteredTokenGrantService(inner, metrics);

    /// <inheritdoc />
    public Task<TokenGrantResult> PasswordAsync(string username, string password, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.Password, inner.PasswordAsync(username, password, scope, context, cancellationToken), CredentialAccepted);

    /// <inheritdoc />
    public Task<TokenGrantResult> ChangePasswordAndLoginAsync(string username, string currentPassword, string newPassword, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.Password, inner.ChangePasswordAndLoginAsync(username, currentPassword, newPassword, context, cancellationToken), CredentialAccepted);

    /// <inheritdoc />
    public Task<TokenGrantResult> ClientCredentialsAsync(string clientId, string clientSecret, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.ClientCredentials, inner.ClientCredentialsAsync(clientId, clientSecret, scope, context, cancellationToken), Issued);

    /// <inheritdoc />
    public Task<TokenGrantResult> RefreshAsync(string refreshToken, string? clientId, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.Refresh, inner.RefreshAsync(refreshToken, clientId, context, cancellationToken), Issued);

    /// <inheritdoc />
    public Task RevokeAsync(string token, string? tokenTypeHint, string? actor, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        inner.RevokeAsync(token, tokenTypeHint, actor, context, cancellationToken);

    /// <inheritdoc />
    public TokenIntrospection Introspect(string token) => inner.Introspect(token);

    /// <inheritdoc />
    public Task<TokenGrantResult> SignInExternalAsync(UserAccount user, IReadOnlyList<string> authenticationMethods, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        inner.SignInExternalAsync(user, authenticationMethods, scope, context, cancellationToken);

    /// <inheritdoc />
    public Task<TokenGrantResult> CompleteMfaAsync(string challengeId, string method, string code, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.SecondFactor, inner.CompleteMfaAsync(challengeId, method, code, context, cancellationToken), Issued);

    /// <inheritdoc />
    public Task<SmsCodeDispatch> SendMfaSmsAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        inner.SendMfaSmsAsync(challengeId, context, cancellationToken);

    /// <inheritdoc />
    public Task<TotpEnrollment> BeginChallengeTotpEnrollmentAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        inner.BeginChallengeTotpEnrollmentAsync(challengeId, context, cancellationToken);

    /// <inheritdoc />
    public Task<TokenGrantResult> ConfirmChallengeTotpEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.SecondFactor, inner.ConfirmChallengeTotpEnrollmentAsync(challengeId, code, context, cancellationToken), Issued);

    /// <inheritdoc />
    public Task<SmsCodeDispatch> BeginChallengeSmsEnrollmentAsync(string challengeId, string phoneNumber, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        inner.BeginChallengeSmsEnrollmentAsync(challengeId, phoneNumber, context, cancellationToken);

    /// <inheritdoc />
    public Task<TokenGrantResult> ConfirmChallengeSmsEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        CountAsync(AuthenticationMetricMethods.SecondFactor, inner.ConfirmChallengeSmsEnrollmentAsync(challengeId, code, context, cancellationToken), Issued);

    private static bool Issued(TokenGrantResult result) => result.Succeeded;

    private static bool CredentialAccepted(TokenGrantResult result) =>
        result.Succeeded || result.Challenge is not null || result.EnrollmentRequired || result.PasswordChangeRequired;

    private async Task<TokenGrantResult> CountAsync(string method, Task<TokenGrantResult> pending, Func<TokenGrantResult, bool> succeeded)
    {
        TokenGrantResult result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (SecurityException)
        {
            metrics.RecordAuthentication(method, succeeded: false);
            throw;
        }

        metrics.RecordAuthentication(method, succeeded(result));
        return result;
    }
}
