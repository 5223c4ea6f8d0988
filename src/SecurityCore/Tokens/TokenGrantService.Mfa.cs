using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// The second-factor step of the login: <c>mfa_required</c> challenges answered with a TOTP, SMS or recovery code, and
/// <c>mfa_enrollment_required</c> challenges (accounts that must have a second factor but have none) that permit only
/// enrolling one and then finish the login.
/// </summary>
internal sealed partial class TokenGrantService
{
    private const string MfaAmr = "mfa";
    private const string MfaEnrollmentRequiredError = "mfa_enrollment_required";
    private static readonly IReadOnlyList<string> EnrollableMethods = [TwoFactorMethods.Totp, TwoFactorMethods.Sms];

    /// <inheritdoc />
    public async Task<TokenGrantResult> CompleteMfaAsync(string challengeId, string method, string code, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(challengeId) || string.IsNullOrEmpty(method) || string.IsNullOrEmpty(code))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest, "challenge_id, method and code are required.");
        }

        if (!TwoFactorMethods.IsKnown(method))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest,
                $"method must be one of: {string.Join(", ", TwoFactorMethods.All)}.");
        }

        if (challenges.Find(challengeId) is not { EnrollmentOnly: false } pending)
        {
            return await ChallengeRefusedAsync(null, context, cancellationToken);
        }

        // A lockout stops second-factor guessing too: no code is checked while it lasts.
        if (lockout?.GetLockedUntil(pending.UserId) is not null)
        {
            challenges.TryTake(pending.ChallengeId);
            await LoginFailedAsync(pending.UserId, SecurityErrorCodes.AccountLocked, context, cancellationToken);
            return LoginRefused(SecurityErrorCodes.AccountLocked);
        }

        var verification = await RequireTwoFactor().VerifyAsync(pending.UserId, method, code, new LoginOrigin(context.Address, context.RequestId), cancellationToken);
        if (!verification.Succeeded)
        {
            return await SecondFactorFailedAsync(pending, method, verification.ErrorCode ?? SecurityErrorCodes.TwoFactorInvalidCode, verification.CountsAsFailure, context, cancellationToken);
        }

        return await FinishAsync(pending, verification.Amr ?? TwoFactorMethods.ToAmr(method), null, context, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SmsCodeDispatch> SendMfaSmsAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = challenges.Find(challengeId);
        if (pending is not { EnrollmentOnly: false })
        {
            throw ChallengeInvalid();
        }

        return await RequireTwoFactor().SendSmsLoginCodeAsync(pending.UserId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TotpEnrollment> BeginChallengeTotpEnrollmentAsync(string challengeId, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = RequireEnrollmentChallenge(challengeId);
        var user = users.FindById(pending.UserId) ?? throw ChallengeInvalid();
        return await RequireTwoFactor().BeginTotpEnrollmentAsync(user.Id, user.Username, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TokenGrantResult> ConfirmChallengeTotpEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        ConfirmEnrollmentAsync(challengeId, code, TwoFactorMethods.Totp, context, cancellationToken);

    /// <inheritdoc />
    public async Task<SmsCodeDispatch> BeginChallengeSmsEnrollmentAsync(string challengeId, string phoneNumber, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = RequireEnrollmentChallenge(challengeId);
        return await RequireTwoFactor().BeginSmsEnrollmentAsync(pending.UserId, phoneNumber, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TokenGrantResult> ConfirmChallengeSmsEnrollmentAsync(string challengeId, string code, TokenRequestContext context, CancellationToken cancellationToken = default) =>
        ConfirmEnrollmentAsync(challengeId, code, TwoFactorMethods.Sms, context, cancellationToken);

    /// <summary>Decides the second-factor step after a correct password: a challenge, an enrolment challenge, or none (null).</summary>
    private async Task<TokenGrantResult?> SecondFactorStepAsync(UserAccount user, IReadOnlyList<string> scopes, TokenRequestContext context, CancellationToken cancellationToken)
    {
        if (twoFactor is null)
        {
            // Without two-factor services (token-only hosts and tests) the account flag alone decides.
            return user.RequiresSecondFactor ? await IssueChallengeAsync(user, scopes, MfaChallengeStore.DefaultMethods, false, context, cancellationToken) : null;
        }

        var status = await twoFactor.GetStatusAsync(user.Id, cancellationToken);
        if (status.IsEnrolled)
        {
            return await IssueChallengeAsync(user, scopes, status.Methods, false, context, cancellationToken);
        }

        return MustHaveSecondFactor(user)
            ? await IssueChallengeAsync(user, scopes, EnrollableMethods, true, context, cancellationToken)
            : null;
    }

    private bool MustHaveSecondFactor(UserAccount user) =>
        user.RequiresSecondFactor || (twoFactorOptions?.Value ?? new TwoFactorOptions()).IsEnforcedFor(user.Roles);

    private async Task<TokenGrantResult> IssueChallengeAsync(UserAccount user, IReadOnlyList<string> scopes, IReadOnlyList<string> methods, bool enrollmentOnly,
        TokenRequestContext context, CancellationToken cancellationToken)
    {
        var challenge = challenges.Create(user.Id, scopes, PasswordMethods, methods, enrollmentOnly);
        await events.PublishAsync(Event(SecurityEventTypes.MfaChallengeIssued, SecurityEventOutcomes.Info, user.Id, null, context,
            details: new Dictionary<string, string> { ["kind"] = enrollmentOnly ? "enrollment" : "verification", ["methods"] = string.Join(' ', methods) }), cancellationToken);
        return enrollmentOnly
            ? new TokenGrantResult
            {
                Challenge = challenge,
                EnrollmentRequired = true,
                ErrorCode = SecurityErrorCodes.MfaEnrollmentRequired,
                OAuthError = MfaEnrollmentRequiredError,
                Message = "This account must enrol a second factor before it may log in; the challenge permits only enrolment.",
            }
            : new TokenGrantResult
            {
                Challenge = challenge,
                ErrorCode = SecurityErrorCodes.MfaRequired,
                OAuthError = MfaRequiredError,
                Message = "A second factor is required; answer the challenge to finish the login.",
            };
    }

    private async Task<TokenGrantResult> ConfirmEnrollmentAsync(string challengeId, string code, string method, TokenRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(challengeId) || string.IsNullOrEmpty(code))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest, "challenge_id and code are required.");
        }

        if (challenges.Find(challengeId) is not { EnrollmentOnly: true } pending)
        {
            return await ChallengeRefusedAsync(null, context, cancellationToken);
        }

        TwoFactorEnrollmentResult enrolled;
        try
        {
            var service = RequireTwoFactor();
            enrolled = method == TwoFactorMethods.Totp
                ? await service.ConfirmTotpEnrollmentAsync(pending.UserId, code, cancellationToken)
                : await service.ConfirmSmsEnrollmentAsync(pending.UserId, code, cancellationToken);
        }
        catch (SecurityException ex) when (ex.Code is SecurityErrorCodes.TwoFactorInvalidCode or SecurityErrorCodes.TwoFactorNotEnrolled)
        {
            return await SecondFactorFailedAsync(pending, method, ex.Code, ex.Code == SecurityErrorCodes.TwoFactorInvalidCode, context, cancellationToken);
        }

        return await FinishAsync(pending, TwoFactorMethods.ToAmr(method), enrolled.RecoveryCodes, context, cancellationToken);
    }

    private async Task<TokenGrantResult> FinishAsync(PendingMfaLogin pending, string amr, IReadOnlyList<string>? recoveryCodes, TokenRequestContext context, CancellationToken cancellationToken)
    {
        // Single use: of two correct answers racing on one challenge only the one that takes it gets tokens.
        if (challenges.TryTake(pending.ChallengeId) is null)
        {
            return await ChallengeRefusedAsync(pending.UserId, context, cancellationToken);
        }

        var user = users.FindById(pending.UserId);
        if (user is null || user.Status != ActiveStatus || user.MustChangePassword)
        {
            await LoginFailedAsync(pending.UserId, SecurityErrorCodes.AccountInactive, context, cancellationToken);
            return LoginRefused(SecurityErrorCodes.AccountInactive);
        }

        IReadOnlyList<string> methods = [.. pending.AuthenticationMethods, amr, MfaAmr];
        var result = await IssueLoginAsync(user, pending.Scopes, methods, context, cancellationToken);
        return recoveryCodes is null ? result : result with { RecoveryCodes = recoveryCodes };
    }

    private async Task<TokenGrantResult> SecondFactorFailedAsync(PendingMfaLogin pending, string method, string code, bool countsAsFailure, TokenRequestContext context,
        CancellationToken cancellationToken)
    {
        var voided = countsAsFailure && challenges.RecordFailure(pending.ChallengeId, (twoFactorOptions?.Value ?? new TwoFactorOptions()).ChallengeMaxAttempts);
        // A lockout policy (identity area) counts these login_failed events; the reason says it was the second factor.
        await events.PublishAsync(Event(SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, pending.UserId, null, context, reason: code,
            details: new Dictionary<string, string>
            {
                ["stage"] = "second_factor",
                ["method"] = method,
                ["challenge_void"] = voided ? "true" : "false",
            }), cancellationToken);
        if (countsAsFailure && lockout is not null && await lockout.RecordFailureAsync(pending.UserId, "second_factor_" + method, cancellationToken))
        {
            challenges.TryTake(pending.ChallengeId);
            return LoginRefused(SecurityErrorCodes.AccountLocked);
        }

        if (voided)
        {
            LogChallengeVoid(logger, pending.UserId);
            return TokenGrantResult.Failure(SecurityErrorCodes.MfaChallengeInvalid, InvalidGrant,
                "Too many wrong codes: the challenge is void. Log in again with the password.");
        }

        return code == SecurityErrorCodes.TwoFactorNotEnrolled
            ? TokenGrantResult.Failure(code, InvalidGrant, $"The second factor '{method}' is not enrolled for this account.")
            : TokenGrantResult.Failure(SecurityErrorCodes.TwoFactorInvalidCode, InvalidGrant, "The code is wrong, expired or already used.");
    }

    private async Task<TokenGrantResult> ChallengeRefusedAsync(string? userId, TokenRequestContext context, CancellationToken cancellationToken)
    {
        await LoginFailedAsync(userId, SecurityErrorCodes.MfaChallengeInvalid, context, cancellationToken);
        return TokenGrantResult.Failure(SecurityErrorCodes.MfaChallengeInvalid, InvalidGrant,
            "The challenge is unknown, expired, already used or void. Log in again with the password.");
    }

    private PendingMfaLogin RequireEnrollmentChallenge(string challengeId) =>
        challenges.Find(challengeId) is { EnrollmentOnly: true } pending ? pending : throw ChallengeInvalid();

    private ITwoFactorService RequireTwoFactor() =>
        twoFactor ?? throw new SecurityException(SecurityErrorCodes.InternalError, "Two-factor authentication is not configured on this server.");

    private static SecurityException ChallengeInvalid() =>
        new(SecurityErrorCodes.MfaChallengeInvalid, "The challenge is unknown, expired, already used or not valid for this step. Log in again with the password.");

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "A second-factor challenge of {UserId} became void after too many wrong codes")]
    private static partial void LogChallengeVoid(ILogger logger, string userId);
}
