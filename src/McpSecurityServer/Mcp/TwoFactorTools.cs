using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// The two-factor tools of the MCP face. With a <c>challenge_id</c> (from <c>issue_token</c>) they finish a login and need no
/// signed-in caller; without one they act on the signed-in user's own factors.
/// </summary>
[McpServerToolType]
internal sealed class TwoFactorTools(ITokenGrantService grants, TwoFactorSelfService self, McpCallerResolver callers, TimeProvider time, ILogger<TwoFactorTools> logger)
{
    [McpServerTool(Name = "verify_2fa", Title = "Verify a second factor", UseStructuredContent = true, OutputSchemaType = typeof(TokenOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [AllowsAnonymousCall]
    [Description("Finishes a login that answered mfa_required: the challenge_id from issue_token, the method (totp, sms or recovery_code) " +
        "and the code. Returns the tokens. The challenge is single use and void after 5 wrong codes. Needs no signed-in caller.")]
    public Task<CallToolResult> VerifyAsync(
        [Description("The challenge_id issue_token returned."), StringLength(InputLimits.ChallengeId)] string challenge_id,
        [Description("totp, sms or recovery_code."), StringLength(InputLimits.TwoFactorMethod)] string method,
        [Description("The code from the authenticator app, the SMS, or a recovery code."), StringLength(InputLimits.TwoFactorCode)] string code,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "verify_2fa", async () =>
        {
            var result = await grants.CompleteMfaAsync(
                ToolInput.Require(challenge_id, nameof(challenge_id), InputLimits.ChallengeId),
                ToolInput.Require(method, nameof(method), InputLimits.TwoFactorMethod),
                ToolInput.Require(code, nameof(code), InputLimits.TwoFactorCode),
                callers.RequestContext(), cancellationToken);
            return result.Tokens is { } tokens ? TokenOutput.From(tokens) : throw Refusal(result);
        });

    [McpServerTool(Name = "enroll_totp", Title = "Enrol an authenticator app", UseStructuredContent = true, OutputSchemaType = typeof(TotpEnrollmentOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [AllowsAnonymousCall] // With a challenge_id it finishes a login; without one the body requires the signed-in caller.
    [Description("Starts enrolling an authenticator app (TOTP): returns the secret, an otpauth:// URI and QR codes, shown once. " +
        "Then call confirm_totp with the app's current code. With the challenge_id of an mfa_enrollment_required login it needs no signed-in caller.")]
    public Task<CallToolResult> EnrollTotpAsync(
        [Description("The challenge_id of an mfa_enrollment_required login; omit when signed in."), StringLength(InputLimits.ChallengeId)] string? challenge_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "enroll_totp", async () =>
        {
            var challenge = ToolInput.Optional(challenge_id, nameof(challenge_id), InputLimits.ChallengeId);
            var enrollment = string.IsNullOrEmpty(challenge)
                ? await self.BeginTotpAsync(await callers.RequireAsync(cancellationToken), cancellationToken)
                : await grants.BeginChallengeTotpEnrollmentAsync(challenge, callers.RequestContext(), cancellationToken);
            return TotpEnrollmentOutput.From(enrollment, "Add the secret to an authenticator app, then call confirm_totp with its current code" +
                (string.IsNullOrEmpty(challenge) ? "." : " and the same challenge_id."));
        });

    [McpServerTool(Name = "confirm_totp", Title = "Confirm an authenticator app", UseStructuredContent = true, OutputSchemaType = typeof(EnrollmentConfirmedOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [AllowsAnonymousCall] // With a challenge_id it finishes a login; without one the body requires the signed-in caller.
    [Description("Confirms the authenticator app started by enroll_totp with its current code. Returns recovery codes (shown once) when it is the first " +
        "factor; with an enrolment challenge_id it also finishes the login and returns the tokens.")]
    public Task<CallToolResult> ConfirmTotpAsync(
        [Description("The current 6-digit code of the authenticator app."), StringLength(InputLimits.TwoFactorCode)] string code,
        [Description("The challenge_id of an mfa_enrollment_required login; omit when signed in."), StringLength(InputLimits.ChallengeId)] string? challenge_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "confirm_totp", () => ConfirmAsync(TwoFactorMethods.Totp, code, challenge_id, cancellationToken));

    [McpServerTool(Name = "enroll_sms", Title = "Enrol a phone for SMS codes", UseStructuredContent = true, OutputSchemaType = typeof(EnrollmentConfirmedOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [AllowsAnonymousCall] // With a challenge_id it finishes a login; without one the body requires the signed-in caller.
    [Description("Enrols a phone number for SMS backup codes in two calls: first with phone_number (E.164, e.g. +447700900123) to send a code, " +
        "then with code to confirm. With an enrolment challenge_id the confirmation also finishes the login and returns the tokens.")]
    public Task<CallToolResult> EnrollSmsAsync(
        [Description("The phone number in E.164 form (first call)."), StringLength(InputLimits.PhoneNumber)] string? phone_number = null,
        [Description("The code sent to the phone (second call)."), StringLength(InputLimits.TwoFactorCode)] string? code = null,
        [Description("The challenge_id of an mfa_enrollment_required login; omit when signed in."), StringLength(InputLimits.ChallengeId)] string? challenge_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "enroll_sms", async () =>
        {
            var phone = ToolInput.Optional(phone_number, nameof(phone_number), InputLimits.PhoneNumber);
            var given = ToolInput.Optional(code, nameof(code), InputLimits.TwoFactorCode);
            if (string.IsNullOrEmpty(phone) == string.IsNullOrEmpty(given))
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give either 'phone_number' (to send a code) or 'code' (to confirm it).");
            }

            if (!string.IsNullOrEmpty(given))
            {
                return await ConfirmAsync(TwoFactorMethods.Sms, given, challenge_id, cancellationToken);
            }

            var challenge = ToolInput.Optional(challenge_id, nameof(challenge_id), InputLimits.ChallengeId);
            var dispatch = string.IsNullOrEmpty(challenge)
                ? await self.BeginSmsAsync(await callers.RequireAsync(cancellationToken), phone!, cancellationToken)
                : await grants.BeginChallengeSmsEnrollmentAsync(challenge, phone!, callers.RequestContext(), cancellationToken);
            return EnrollmentConfirmedOutput.From(TwoFactorMethods.Sms, null, null) with { CodeSentTo = dispatch.MaskedPhoneNumber, Confirmed = false };
        });

    [McpServerTool(Name = "send_sms_code", Title = "Send an SMS code", UseStructuredContent = true, OutputSchemaType = typeof(SmsCodeSentOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [AllowsAnonymousCall] // With a challenge_id it finishes a login; without one the body requires the signed-in caller.
    [Description("Sends a login code by SMS to the enrolled phone: with the challenge_id of an mfa_required login (then call verify_2fa with method sms), " +
        "or for the signed-in user (for example before regenerate_recovery_codes).")]
    public Task<CallToolResult> SendSmsCodeAsync(
        [Description("The challenge_id of an mfa_required login; omit when signed in."), StringLength(InputLimits.ChallengeId)] string? challenge_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "send_sms_code", async () =>
        {
            var challenge = ToolInput.Optional(challenge_id, nameof(challenge_id), InputLimits.ChallengeId);
            var dispatch = string.IsNullOrEmpty(challenge)
                ? await self.SendSmsCodeAsync(await callers.RequireAsync(cancellationToken), cancellationToken)
                : await grants.SendMfaSmsAsync(challenge, callers.RequestContext(), cancellationToken);
            return SmsCodeSentOutput.From(dispatch, time.GetUtcNow());
        });

    [McpServerTool(Name = "regenerate_recovery_codes", Title = "Regenerate recovery codes", UseStructuredContent = true, OutputSchemaType = typeof(RecoveryCodesOutput),
        ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [RequiresCaller]
    [Description("Replaces the signed-in user's recovery codes with ten new ones (shown once; the old ones stop working). Needs a fresh second-factor " +
        "code: method totp, sms (after send_sms_code) or recovery_code.")]
    public Task<CallToolResult> RegenerateRecoveryCodesAsync(
        [Description("totp, sms or recovery_code."), StringLength(InputLimits.TwoFactorMethod)] string method,
        [Description("A current code of that method."), StringLength(InputLimits.TwoFactorCode)] string code,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "regenerate_recovery_codes", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var codes = await self.RegenerateRecoveryCodesAsync(caller,
                ToolInput.Require(method, nameof(method), InputLimits.TwoFactorMethod),
                ToolInput.Require(code, nameof(code), InputLimits.TwoFactorCode),
                cancellationToken);
            return new RecoveryCodesOutput(codes);
        });

    private async Task<EnrollmentConfirmedOutput> ConfirmAsync(string method, string code, string? challengeId, CancellationToken cancellationToken)
    {
        var given = ToolInput.Require(code, nameof(code), InputLimits.TwoFactorCode);
        var challenge = ToolInput.Optional(challengeId, "challenge_id", InputLimits.ChallengeId);
        if (string.IsNullOrEmpty(challenge))
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var confirmed = method == TwoFactorMethods.Totp
                ? await self.ConfirmTotpAsync(caller, given, cancellationToken)
                : await self.ConfirmSmsAsync(caller, given, cancellationToken);
            return EnrollmentConfirmedOutput.From(confirmed.Method, confirmed.RecoveryCodes, null);
        }

        var result = method == TwoFactorMethods.Totp
            ? await grants.ConfirmChallengeTotpEnrollmentAsync(challenge, given, callers.RequestContext(), cancellationToken)
            : await grants.ConfirmChallengeSmsEnrollmentAsync(challenge, given, callers.RequestContext(), cancellationToken);
        return result.Tokens is { } tokens ? EnrollmentConfirmedOutput.From(method, result.RecoveryCodes, tokens) : throw Refusal(result);
    }

    private static SecurityException Refusal(TokenGrantResult result) =>
        new(result.ErrorCode ?? SecurityErrorCodes.InvalidCredentials, result.Message ?? "The request was refused.");
}
