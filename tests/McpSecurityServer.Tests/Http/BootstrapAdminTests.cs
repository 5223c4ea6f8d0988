using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class BootstrapAdminTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public BootstrapAdminTests(ServerFactory factory) => _factory = factory;

    [Fact]
    public async Task ChangePassword_BootstrapAdminWithGeneratedPassword_IsTheOnlyWayToTokens()
    {
        using var client = _factory.CreateClient();
        var generated = ServerAccounts.ReadInitialAdminPassword(_factory.DataDirectory);

        var login = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = generated });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        var refusal = (await login.JsonAsync()).GetProperty("error");
        Assert.Equal("AUTH_PASSWORD_CHANGE_REQUIRED", refusal.Str("code"));
        Assert.Equal("/api/v1/auth/change-password", refusal.GetProperty("details").Str("change_password_endpoint"));
        Assert.False(string.IsNullOrEmpty(refusal.Str("request_id")));
        Assert.DoesNotContain(generated, await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (newPassword, tokens) = await ServerAccounts.ActivateBootstrapAdminAsync(_factory);
        Assert.Equal("Bearer", tokens.Str("token_type"));
        Assert.Equal(3, tokens.Str("access_token").Split('.').Length);
        Assert.False(string.IsNullOrEmpty(tokens.Str("refresh_token")));
        Assert.True(tokens.GetProperty("expires_in").GetInt32() > 0);

        var again = await ServerAccounts.LoginAsync(client, "admin", newPassword);
        var keys = await client.GetAsync("/api/v1/keys", again.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);

        var old = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = generated });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal("AUTH_INVALID_CREDENTIALS", await old.ErrorCodeAsync());
    }
}
