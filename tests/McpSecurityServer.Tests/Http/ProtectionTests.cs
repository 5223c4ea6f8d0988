using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class ProtectionTests : IClassFixture<AdminServerFactory>
{
    private const string ResourceMetadata = "resource_metadata=\"http://127.0.0.1:5080/.well-known/oauth-protected-resource\"";
    private readonly AdminServerFactory _factory;

    public ProtectionTests(AdminServerFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/api/v1/keys/rotate")]
    [InlineData("/mcp")]
    public async Task ProtectedEndpoint_NoToken_Answers401WithoutErrorAttribute(string path)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer ", challenge, StringComparison.Ordinal);
        Assert.Contains(ResourceMetadata, challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error=", challenge, StringComparison.Ordinal);
        Assert.Equal("AUTH_REQUIRED", await response.ErrorCodeAsync());
    }

    [Theory]
    [InlineData("not-a-jwt", "AUTH_TOKEN_MALFORMED")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.", "AUTH_TOKEN_")]
    public async Task ProtectedEndpoint_BadToken_Answers401InvalidToken(string token, string codePrefix)
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/v1/keys", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"error_description=\"{codePrefix}", challenge, StringComparison.Ordinal);
        Assert.Contains(ResourceMetadata, challenge, StringComparison.Ordinal);
        Assert.StartsWith(codePrefix, await response.ErrorCodeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminEndpoint_TokenWithoutAdminRole_Answers403InsufficientScope()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"plain-{Guid.NewGuid():N}", ["mcp"], []);
        using var client = _factory.CreateClient();
        var token = (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: agent)).JsonAsync()).Str("access_token");

        var response = await client.PostFormAsync("/api/v1/keys/rotate", [], bearer: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Mcp_TokenWithoutMcpScope_Answers403NamingTheScope()
    {
        var agent = await ServerAccounts.RegisterClientAsync(_factory, $"noscope-{Guid.NewGuid():N}", ["reports"], []);
        using var client = _factory.CreateClient();
        var token = (await (await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials"), new("scope", "reports")], basic: agent)).JsonAsync()).Str("access_token");

        var response = await client.PostJsonAsync("/mcp", new { jsonrpc = "2.0", id = 1, method = "ping" }, bearer: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"mcp\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_AdminToken_ListsAndRotates()
    {
        var token = await _factory.AdminTokenAsync();
        using var client = _factory.CreateClient();

        var before = (await (await client.GetAsync("/api/v1/keys", token)).JsonAsync()).GetProperty("keys").GetArrayLength();
        var rotated = await client.PostFormAsync("/api/v1/keys/rotate", [], bearer: token);
        var after = await (await client.GetAsync("/api/v1/keys", token)).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var key = await rotated.JsonAsync();
        Assert.Equal("active", key.Str("status"));
        Assert.Equal(before + 1, after.GetProperty("keys").GetArrayLength());
        Assert.Contains(after.GetProperty("keys").EnumerateArray(), k => k.Str("key_id") == key.Str("key_id") && k.Str("status") == "active");
        Assert.DoesNotContain("\"d\"", await rotated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/keys?access_token=abc")]
    [InlineData("/mcp?token=abc")]
    [InlineData("/.well-known/jwks.json?refresh_token=abc")]
    public async Task AnyEndpoint_TokenInQueryString_Answers400(string path)
    {
        var token = await _factory.AdminTokenAsync();
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(path, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AUTH_TOKEN_IN_QUERY", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task OAuthEndpoint_TokenInQueryString_AnswersRfc6749Error()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/introspect?token=abc", [new("token", "abc")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).Str("error"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("null")]
    public async Task Mcp_ForeignOrigin_Answers403(string origin)
    {
        var token = await _factory.AdminTokenAsync();
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Origin", origin);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ORIGIN_NOT_ALLOWED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Mcp_ForeignHost_Answers403()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}") };
        request.Headers.Host = "rebound.evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("HOST_NOT_ALLOWED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task UnknownRoute_Answers404Envelope()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/api/v2/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", await response.ErrorCodeAsync());
    }
}
