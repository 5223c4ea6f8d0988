using System.Net;
using System.Text;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class LoginTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public LoginTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Login_ValidCredentials_AnswersOAuthTokenResponseNotCached()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = _factory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal(3, body.Str("access_token").Split('.').Length);
        Assert.False(string.IsNullOrEmpty(body.Str("refresh_token")));
        Assert.Equal("mcp", body.Str("scope"));
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 1, 900);
    }

    [Fact]
    public async Task Login_WrongPassword_Answers401EnvelopeWithRequestId()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { username = "admin", password = "not-the-password-at-all" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("AUTH_INVALID_CREDENTIALS", error.Str("code"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), error.Str("request_id"));
        Assert.True(error.TryGetProperty("details", out _));
    }

    [Fact]
    public async Task Login_UnknownUser_LooksLikeWrongPassword()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { username = "nobody-here", password = "whatever-it-is-123" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_INVALID_CREDENTIALS", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("{\"password\":\"x\"}", "username")]
    [InlineData("{\"username\":\"admin\"}", "password")]
    [InlineData("{\"username\":\"admin\",\"password\":\"\"}", "password")]
    public async Task Login_MissingField_Answers400NamingTheField(string json, string field)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.Str("code"));
        Assert.Equal(field, error.GetProperty("details").Str("field"));
    }

    [Fact]
    public async Task Login_MalformedJson_Answers400Envelope()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"username\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Login_FormBody_Answers415Envelope()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent([new("username", "admin")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ChangePassword_WeakNewPassword_AnswersPolicyViolation()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/change-password", new
        {
            username = "admin",
            current_password = _factory.AdminPassword,
            new_password = "password",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AUTH_PASSWORD_POLICY", await response.ErrorCodeAsync());
    }
}
