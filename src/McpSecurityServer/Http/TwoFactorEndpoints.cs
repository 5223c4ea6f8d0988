using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// The second factor over REST: <c>/api/v1/auth/mfa/*</c> answer a login's challenge (no bearer: the challenge id is
/// the credential) and <c>/api/v1/me/2fa/*</c> manage the signed-in user's own factors.
/// </summary>
internal static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactorEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var mfa = api.MapGroup("/auth/mfa").AllowAnonymous();
        mfa.MapPost("/verify", VerifyAsync);
        mfa.MapPost("/sms", SendChallengeSmsAsync);
        mfa.MapPost("/enroll/totp", BeginChallengeTotpAsync);
        mfa.MapPost("/enroll/totp/confirm", ConfirmChallengeTotpAsync);
        mfa.MapPost("/enroll/sms", BeginChallengeSmsAsync);
        mfa.MapPost("/enroll/sms/confirm", ConfirmChallengeSmsAsync);

        var me = api.MapGroup("/me/2fa").RequireCaller();
        me.MapGet("", StatusAsync);
        me.MapPost("/totp", BeginTotpAsync);
        me.MapPost("/totp/confirm", ConfirmTotpAsync);
        me.MapPost("/sms", BeginSmsAsync);
        me.MapPost("/sms/confirm", ConfirmSmsAsync);
        me.MapPost("/sms/code", SendSmsCodeAsync);
        me.MapPost("/recovery-codes", RegenerateRecoveryCodesAsync);
        return api;
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<MfaVerifyRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "challenge_id", body!.ChallengeId, InputLimits.ChallengeId)
            ?? RequestInput.Require(context, "method", body.Method, InputLimits.TwoFactorMethod)
            ?? RequestInput.Require(context, "code", body.Code, InputLimits.TwoFactorCode);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await grants.CompleteMfaAsync(body.ChallengeId!, body.Method!, body.Code!, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow());
    }

    private static async Task<IResult> SendChallengeSmsAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await ReadChallengeAsync(context, code: false, phone: false);
        if (error is not null)
        {
            return error;
        }

        var dispatch = await grants.SendMfaSmsAsync(body!.ChallengeId!, RequestFacts.For(context), context.RequestAborted);
        return Results.Json(SmsCodeSentOutput.From(dispatch, time.GetUtcNow()), WireJson.Options);
    }

    private static async Task<IResult> BeginChallengeTotpAsync(HttpContext context, ITokenGrantService grants)
    {
        var (body, error) = await ReadChallengeAsync(context, code: false, phone: false);
        if (error is not null)
        {
            return error;
        }

        var enrollment = await grants.BeginChallengeTotpEnrollmentAsync(body!.ChallengeId!, RequestFacts.For(context), context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Json(TotpEnrollmentOutput.From(enrollment,
            $"Add the secret to an authenticator app, then POST {ServerEndpoints.MfaEnrollTotpPath}/confirm with challenge_id and the app's current code."), WireJson.Options);
    }

    private static async Task<IResult> ConfirmChallengeTotpAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await ReadChallengeAsync(context, code: true, phone: false);
        if (error is not null)
        {
            return error;
        }

        var result = await grants.ConfirmChallengeTotpEnrollmentAsync(body!.ChallengeId!, body.Code!, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow(), TwoFactorMethods.Totp);
    }

    private static async Task<IResult> BeginChallengeSmsAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await ReadChallengeAsync(context, code: false, phone: true);
        if (error is not null)
        {
            return error;
        }

        var dispatch = await grants.BeginChallengeSmsEnrollmentAsync(body!.ChallengeId!, body.PhoneNumber!, RequestFacts.For(context), context.RequestAborted);
        return Results.Json(SmsCodeSentOutput.From(dispatch, time.GetUtcNow()), WireJson.Options);
    }

    private static async Task<IResult> ConfirmChallengeSmsAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await ReadChallengeAsync(context, code: true, phone: false);
        if (error is not null)
        {
            return error;
        }

        var result = await grants.ConfirmChallengeSmsEnrollmentAsync(body!.ChallengeId!, body.Code!, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow(), TwoFactorMethods.Sms);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, TwoFactorSelfService self)
    {
        var (status, required) = await self.StatusAsync(RequireCaller(context), context.RequestAborted);
        return Results.Json(TwoFactorStatusOutput.From(status, required), WireJson.Options);
    }

    private static async Task<IResult> BeginTotpAsync(HttpContext context, TwoFactorSelfService self)
    {
        var enrollment = await self.BeginTotpAsync(RequireCaller(context), context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Json(TotpEnrollmentOutput.From(enrollment,
            "Add the secret to an authenticator app, then POST /api/v1/me/2fa/totp/confirm with the app's current code."), WireJson.Options);
    }

    private static async Task<IResult> ConfirmTotpAsync(HttpContext context, TwoFactorSelfService self)
    {
        var (body, error) = await ReadSelfAsync(context, code: true, phone: false);
        if (error is not null)
        {
            return error;
        }

        var result = await self.ConfirmTotpAsync(RequireCaller(context), body!.Code!, context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Json(EnrollmentConfirmedOutput.From(result.Method, result.RecoveryCodes, null), WireJson.Options);
    }

    private static async Task<IResult> BeginSmsAsync(HttpContext context, TwoFactorSelfService self, TimeProvider time)
    {
        var (body, error) = await ReadSelfAsync(context, code: false, phone: true);
        if (error is not null)
        {
            return error;
        }

        var dispatch = await self.BeginSmsAsync(RequireCaller(context), body!.PhoneNumber!, context.RequestAborted);
        return Results.Json(SmsCodeSentOutput.From(dispatch, time.GetUtcNow()), WireJson.Options);
    }

    private static async Task<IResult> ConfirmSmsAsync(HttpContext context, TwoFactorSelfService self)
    {
        var (body, error) = await ReadSelfAsync(context, code: true, phone: false);
        if (error is not null)
        {
            return error;
        }

        var result = await self.ConfirmSmsAsync(RequireCaller(context), body!.Code!, context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Json(EnrollmentConfirmedOutput.From(result.Method, result.RecoveryCodes, null), WireJson.Options);
    }

    private static async Task<IResult> SendSmsCodeAsync(HttpContext context, TwoFactorSelfService self, TimeProvider time)
    {
        var dispatch = await self.SendSmsCodeAsync(RequireCaller(context), context.RequestAborted);
        return Results.Json(SmsCodeSentOutput.From(dispatch, time.GetUtcNow()), WireJson.Options);
    }

    private static async Task<IResult> RegenerateRecoveryCodesAsync(HttpContext context, TwoFactorSelfService self)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<TwoFactorSelfRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "method", body!.Method, InputLimits.TwoFactorMethod)
            ?? RequestInput.Require(context, "code", body.Code, InputLimits.TwoFactorCode);
        if (invalid is not null)
        {
            return invalid;
        }

        var codes = await self.RegenerateRecoveryCodesAsync(RequireCaller(context), body.Method!, body.Code!, context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Json(new RecoveryCodesOutput(codes), WireJson.Options);
    }

    private static async Task<(MfaEnrollmentRequest? Body, IResult? Error)> ReadChallengeAsync(HttpContext context, bool code, bool phone)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<MfaEnrollmentRequest>(context);
        if (error is not null)
        {
            return (null, error);
        }

        var invalid = RequestInput.Require(context, "challenge_id", body!.ChallengeId, InputLimits.ChallengeId)
            ?? (code ? RequestInput.Require(context, "code", body.Code, InputLimits.TwoFactorCode) : null)
            ?? (phone ? RequestInput.Require(context, "phone_number", body.PhoneNumber, InputLimits.PhoneNumber) : null);
        return invalid is null ? (body, null) : (null, invalid);
    }

    private static async Task<(TwoFactorSelfRequest? Body, IResult? Error)> ReadSelfAsync(HttpContext context, bool code, bool phone)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<TwoFactorSelfRequest>(context);
        if (error is not null)
        {
            return (null, error);
        }

        var invalid = (code ? RequestInput.Require(context, "code", body!.Code, InputLimits.TwoFactorCode) : null)
            ?? (phone ? RequestInput.Require(context, "phone_number", body!.PhoneNumber, InputLimits.PhoneNumber) : null);
        return invalid is null ? (body, null) : (null, invalid);
    }

    private static Caller RequireCaller(HttpContext context) =>
        CallerClaims.ToCaller(context.User) ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");
}
