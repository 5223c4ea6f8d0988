using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class TwoFactorEndpointsTests : IClassFixture<TwoFactorServerFactory>
{
    private readonly TwoFactorServerFactory _factory;

    public TwoFactorEndpointsTests(TwoFactorServerFactory factory) => _factory = factory;

    [Fact]
    public async Task TotpLogin_EnrolThenVerify_TokensCarryOtp_AndAReplayedCodeIsRefused()
    {
        using var client = _factory.CreateClient();
        var (username, password, secret, recovery) = await EnrolTotpUserAsync(client);

        var login = await (await client.PostJsonAsync("/api/v1/auth/login", new { username, password })).JsonAsync();
        Assert.True(login.GetProperty("mfa_required").GetBoolean());
        var code = TwoFactorTestCodes.Totp(secret, 1);
        var verify = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = login.Str("challenge_id"), method = "totp", code });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var tokens = await verify.JsonAsync();
        Assert.Equal(["pwd", "otp", "mfa"], TwoFactorTestCodes.Amr(tokens.Str("access_token")));

        var again = await (await client.PostJsonAsync("/api/v1/auth/login", new { username, password })).JsonAsync();
        var replay = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = again.Str("challenge_id"), method = "totp", code });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("AUTH_2FA_INVALID_CODE", await replay.ErrorCodeAsync());
        Assert.Equal(10, recovery.Count);
    }

    [Fact]
    public async Task RecoveryCodeLogin_TokensCarryRec_AndRegenerationNeedsAFreshCode()
    {
        using var client = _factory.CreateClient();
        var (username, password, secret, recovery) = await EnrolTotpUserAsync(client);

        var login = await (await client.PostJsonAsync("/api/v1/auth/login", new { username, password })).JsonAsync();
        var verify = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = login.Str("challenge_id"), method = "recovery_code", code = recovery[0] });
        var access = (await verify.JsonAsync()).Str("access_token");
        Assert.Equal(["pwd", "rec", "mfa"], TwoFactorTestCodes.Amr(access));

        var refused = await client.PostJsonAsync("/api/v1/me/2fa/recovery-codes", new { method = "recovery_code", code = recovery[0] }, access);
        Assert.Equal("AUTH_2FA_INVALID_CODE", await refused.ErrorCodeAsync());
        var regenerated = await client.PostJsonAsync("/api/v1/me/2fa/recovery-codes", new { method = "totp", code = TwoFactorTestCodes.Totp(secret, 1) }, access);
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var codes = (await regenerated.JsonAsync()).GetProperty("recovery_codes").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.DoesNotContain(recovery[1], codes);
    }

    [Fact]
    public async Task SmsLogin_EnrolPhoneThenSendAndVerify_TokensCarrySms()
    {
        using var client = _factory.CreateClient();
        var username = $"sms-{Guid.NewGuid():N}";
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var access = (await ServerAccounts.LoginAsync(client, username, password)).Str("access_token");
        var begin = await client.PostJsonAsync("/api/v1/me/2fa/sms", new { phone_number = "+447700900123" }, access);
        Assert.Equal(HttpStatusCode.OK, begin.StatusCode);
        var confirm = await client.PostJsonAsync("/api/v1/me/2fa/sms/confirm", new { code = TwoFactorTestCodes.LastSmsCode(_factory.DataDirectory) }, access);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var status = await (await client.GetAsync("/api/v1/me/2fa", access)).JsonAsync();
        Assert.True(status.GetProperty("sms_enabled").GetBoolean());

        var login = await (await client.PostJsonAsync("/api/v1/auth/login", new { username, password })).JsonAsync();
        Assert.Contains("sms", login.GetProperty("methods").EnumerateArray().Select(e => e.GetString()));
        var sent = await client.PostJsonAsync("/api/v1/auth/mfa/sms", new { challenge_id = login.Str("challenge_id") });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var verify = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new
        {
            challenge_id = login.Str("challenge_id"),
            method = "sms",
            code = TwoFactorTestCodes.LastSmsCode(_factory.DataDirectory),
        });

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal(["pwd", "sms", "mfa"], TwoFactorTestCodes.Amr((await verify.JsonAsync()).Str("access_token")));
    }

    [Fact]
    public async Task AdminWithoutSecondFactor_GetsEnrollmentRequired_EnrolsAndThenLogsInWithTotp()
    {
        using var client = _factory.CreateClient();
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = _factory.AdminPassword });
        var body = await login.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.True(body.GetProperty("mfa_enrollment_required").GetBoolean());
        Assert.False(body.TryGetProperty("access_token", out _));
        var challenge = body.Str("challenge_id");

        var verify = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = challenge, method = "totp", code = "123456" });
        Assert.Equal("AUTH_MFA_CHALLENGE_INVALID", await verify.ErrorCodeAsync());
        var enrol = await (await client.PostJsonAsync("/api/v1/auth/mfa/enroll/totp", new { challenge_id = challenge })).JsonAsync();
        var secret = enrol.Str("secret");
        Assert.StartsWith("otpauth://totp/", enrol.Str("otpauth_uri"), StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", enrol.Str("qr_code_png"), StringComparison.Ordinal);
        var confirmed = await client.PostJsonAsync("/api/v1/auth/mfa/enroll/totp/confirm", new { challenge_id = challenge, code = TwoFactorTestCodes.Totp(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var enrolled = await confirmed.JsonAsync();
        Assert.Equal(["pwd", "otp", "mfa"], TwoFactorTestCodes.Amr(enrolled.Str("access_token")));
        Assert.Equal(10, enrolled.GetProperty("recovery_codes").GetArrayLength());

        var next = await (await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = _factory.AdminPassword })).JsonAsync();
        Assert.True(next.GetProperty("mfa_required").GetBoolean());
        var tokens = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = next.Str("challenge_id"), method = "totp", code = TwoFactorTestCodes.Totp(secret, 1) });
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }

    [Fact]
    public async Task MeTwoFactor_WithoutBearer_IsRefused_AndUnknownChallengeIsRefused()
    {
        using var client = _factory.CreateClient();

        var status = await client.GetAsync("/api/v1/me/2fa", bearer: null);
        var verify = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = "nope", method = "totp", code = "123456" });
        var badMethod = await client.PostJsonAsync("/api/v1/auth/mfa/verify", new { challenge_id = "nope", method = "email", code = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal("AUTH_MFA_CHALLENGE_INVALID", await verify.ErrorCodeAsync());
        Assert.Equal("VALIDATION_FAILED", await badMethod.ErrorCodeAsync());
    }

    private async Task<(string Username, string Password, string Secret, IReadOnlyList<string> Recovery)> EnrolTotpUserAsync(HttpClient client)
    {
        var username = $"totp-{Guid.NewGuid():N}";
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        var access = (await ServerAccounts.LoginAsync(client, username, password)).Str("access_token");
        var begin = await (await client.PostJsonAsync("/api/v1/me/2fa/totp", new { }, access)).JsonAsync();
        var secret = begin.Str("secret");
        var confirm = await client.PostJsonAsync("/api/v1/me/2fa/totp/confirm", new { code = TwoFactorTestCodes.Totp(secret) }, access);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var recovery = (await confirm.JsonAsync()).GetProperty("recovery_codes").EnumerateArray().Select(e => e.GetString()!).ToList();
        return (username, password, secret, recovery);
    }
}
