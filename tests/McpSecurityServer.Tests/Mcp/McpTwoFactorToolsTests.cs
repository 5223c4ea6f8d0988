using McpSecurity.Tests.Server.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class McpTwoFactorToolsTests : IClassFixture<TwoFactorServerFactory>
{
    private readonly TwoFactorServerFactory _factory;

    public McpTwoFactorToolsTests(TwoFactorServerFactory factory) => _factory = factory;

    [Fact]
    public async Task EnrolThenIssueTokenThenVerify2fa_OverStreamableHttp_TokensCarryOtp()
    {
        var username = $"mcp-{Guid.NewGuid():N}";
        var password = await ServerAccounts.CreateUserAsync(_factory, username, []);
        using var http = _factory.CreateClient();
        var bearer = (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
        await using var client = await _factory.ConnectMcpAsync(bearer);

        var enrol = (await client.CallToolAsync("enroll_totp")).Structured();
        var secret = enrol.Str("secret");
        var confirmed = (await client.CallToolAsync("confirm_totp", new Dictionary<string, object?> { ["code"] = TwoFactorTestCodes.Totp(secret) })).Structured();
        var recovery = confirmed.GetProperty("recovery_codes").EnumerateArray().Select(e => e.GetString()).ToList();
        var issued = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = username, ["password"] = password })).Structured();
        var verified = (await client.CallToolAsync("verify_2fa", new Dictionary<string, object?>
        {
            ["challenge_id"] = issued.Str("challenge_id"),
            ["method"] = "totp",
            ["code"] = TwoFactorTestCodes.Totp(secret, 1),
        })).Structured();
        var noSms = await client.CallToolAsync("send_sms_code");
        var regenerated = (await client.CallToolAsync("regenerate_recovery_codes", new Dictionary<string, object?> { ["method"] = "recovery_code", ["code"] = recovery[0] })).Structured();

        Assert.Equal(10, recovery.Count);
        Assert.True(issued.GetProperty("mfa_required").GetBoolean());
        Assert.Equal("verify_2fa", issued.Str("next_tool"));
        Assert.Equal(["pwd", "otp", "mfa"], TwoFactorTestCodes.Amr(verified.Str("access_token")));
        Assert.Equal("AUTH_2FA_NOT_ENROLLED", noSms.ErrorCode());
        Assert.Equal(10, regenerated.GetProperty("recovery_codes").GetArrayLength());
    }

    [Fact]
    public async Task IssueToken_AdminWithoutFactor_PointsAtEnrollTotp_WhichFinishesTheLogin()
    {
        var username = $"arch-{Guid.NewGuid():N}";
        var password = await ServerAccounts.CreateUserAsync(_factory, username, ["architect"]);
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"mcp-agent-{Guid.NewGuid():N}", ["mcp"], []);
        using var http = _factory.CreateClient();
        var token = (await (await http.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        await using var client = await _factory.ConnectMcpAsync(token);

        var issued = (await client.CallToolAsync("issue_token", new Dictionary<string, object?> { ["username"] = username, ["password"] = password })).Structured();
        var challenge = issued.Str("challenge_id");
        var verify = await client.CallToolAsync("verify_2fa", new Dictionary<string, object?> { ["challenge_id"] = challenge, ["method"] = "totp", ["code"] = "123456" });
        var enrol = (await client.CallToolAsync("enroll_totp", new Dictionary<string, object?> { ["challenge_id"] = challenge })).Structured();
        var confirmed = (await client.CallToolAsync("confirm_totp", new Dictionary<string, object?>
        {
            ["challenge_id"] = challenge,
            ["code"] = TwoFactorTestCodes.Totp(enrol.Str("secret")),
        })).Structured();

        Assert.True(issued.GetProperty("mfa_enrollment_required").GetBoolean());
        Assert.Equal("enroll_totp", issued.Str("next_tool"));
        Assert.Equal("AUTH_MFA_CHALLENGE_INVALID", verify.ErrorCode());
        Assert.Equal(["pwd", "otp", "mfa"], TwoFactorTestCodes.Amr(confirmed.Str("access_token")));
        Assert.Equal(10, confirmed.GetProperty("recovery_codes").GetArrayLength());
    }
}
