using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
public sealed class RoleConfigurationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "MCPSEC__Identity__Roles__Permissions__developer__0", "handoff:delete", "Identity:Roles:Permissions:developer:0" },
        { "MCPSEC__Identity__Roles__Permissions__admin__0", "audit:read", "Identity:Roles:Permissions:admin" },
        { "MCPSEC__Identity__Roles__Permision__developer__0", "audit:read", "Identity:Roles:Permision" },
        { "MCPSEC__Identity__Lockout__MaxFailedAttempts", "0", "Identity:Lockout:MaxFailedAttempts" },
        { "MCPSEC__Identity__Lockout__Duration", "forever", "Identity:Lockout:Duration" },
        { "MCPSEC__Identity__Sessions__IdleTimeout", "00:00:05", "Identity:Sessions:IdleTimeout" },
        { "MCPSEC__Identity__Sessions__AbsoluteTimeout", "00:10:00", "Identity:Sessions:AbsoluteTimeout" },
        { "MCPSEC__Identity__Sessions__IdelTimeout", "00:20:00", "Identity:Sessions:IdelTimeout" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Serve_BadRoleOrLockoutSetting_ExitsNonZeroNamingTheKey(string variable, string value, string key)
    {
        using var data = new TempDirectory("config-roles");

        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"],
            new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(key, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredRoleMapAndLockout_TakeEffect()
    {
        await using var factory = new AdminServerFactory();
        factory.Settings["Identity:Roles:Permissions:developer:0"] = "keys:read";
        factory.Settings["Identity:Lockout:MaxFailedAttempts"] = "2";
        using var client = factory.CreateClient();
        var agent = await ServerAccounts.RegisterClientAsync(factory, "configured-dev", ["mcp"], ["developer"]);
        var token = (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");
        var password = await ServerAccounts.CreateUserAsync(factory, "two-strikes", []);

        var keys = await client.GetAsync("/api/v1/keys", token);
        var first = await client.PostJsonAsync("/api/v1/auth/login", new { username = "two-strikes", password = password + "x" });
        var second = await client.PostJsonAsync("/api/v1/auth/login", new { username = "two-strikes", password = password + "x" });

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal("AUTH_INVALID_CREDENTIALS", await first.ErrorCodeAsync());
        Assert.Equal("AUTH_ACCOUNT_LOCKED", await second.ErrorCodeAsync());
    }
}
