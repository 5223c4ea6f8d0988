using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class AuthEndpointsTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public AuthEndpointsTests(ServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Login_BootstrapAdminBeforePasswordChange_AnswersPasswordChangeRequired()
    {
        using var client = _factory.CreateClient();
        var password = ServerAccounts.ReadInitialAdminPassword(_factory.DataDirectory);
        if (password.Length == 0)
        {
            return;
        }

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password });

        // Once another test of this class has changed the password, the generated one is wrong: both refusals are valid,
        // but neither may hand out tokens.
        var body = await response.JsonAsync();
        Assert.False(body.TryGetProperty("access_token", out _));
        var error = body.GetProperty("error");
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            Assert.Equal("AUTH_PASSWORD_CHANGE_REQUIRED", error.Str("code"));
            Assert.Equal("/api/v1/auth/change-password", error.GetProperty("details").Str("change_password_endpoint"));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("AUTH_INVALID_CREDENTIALS", error.Str("code"));
        }

        Assert.False(string.IsNullOrEmpty(error.Str("request_id")));
    }

    [Fact]
    public async Task ChangePassword_BootstrapAdmin_AnswersTokensAndNewPasswordLogsIn()
    {
        var (newPassword, tokens) = await ServerAccounts.ActivateBootstrapAdminAsync(_factory);

        Assert.Equal("Bearer", tokens.Str("token_type"));
        Assert.Equal(3, tokens.Str("access_token").Split('.').Length);
        Assert.False(string.IsNullOrEmpty(tokens.Str("refresh_token")));
        Assert.True(tokens.GetProperty("expires_in").GetInt32() > 0);
        Assert.Contains("mcp", tokens.Str("scope").Split(' '));

        using var client = _factory.CreateClient();
        var login = await ServerAccounts.LoginAsync(client, "admin", newPassword);
        Assert.Equal("Bearer", login.Str("token_type"));

        var keys = await client.GetAsync("/api/v1/keys", login.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
    }
}
