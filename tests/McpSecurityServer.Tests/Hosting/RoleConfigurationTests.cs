using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
public sealed class RoleConfigurationTests
{
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
