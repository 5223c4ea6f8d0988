using System.Net;
using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class OAuthEndpointsTests : IClassFixture<AdminServerFactory>, IAsyncLifetime
{
    private readonly AdminServerFactory _factory;
    private (string Id, string Secret) _agent;

    public OAuthEndpointsTests(AdminServerFactory factory) => _factory = factory;

    public async Task InitializeAsync() =>
        _agent = await ServerAccounts.RegisterClientAsync(_factory, $"agent-{Guid.NewGuid():N}", ["mcp"], []);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Token_ClientCredentialsWithBasic_AnswersAccessTokenWithoutRefreshToken()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: _agent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal("mcp", body.Str("scope"));
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_ClientCredentialsInForm_AnswersAccessToken()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token",
            [new("grant_type", "client_credentials"), new("client_id", _agent.Id), new("client_secret", _agent.Secret)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.JsonAsync()).Str("access_token").Split('.').Length);
    }

    [Fact]
    public async Task Token_WrongClientSecret_Answers401InvalidClientInRfc6749Form()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: (_agent.Id, "wrong-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var body = await response.JsonAsync();
        Assert.Equal("invalid_client", body.Str("error"));
        Assert.False(string.IsNullOrEmpty(body.Str("error_description")));
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type", HttpStatusCode.BadRequest)]
    [InlineData("authorization_code", "unsupported_grant_type", HttpStatusCode.BadRequest)]
    [InlineData("", "invalid_request", HttpStatusCode.BadRequest)]
    public async Task Token_GrantNotOffered_AnswersRfc6749Error(string grantType, string error, HttpStatusCode status)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", grantType), new("username", "admin"), new("password", _factory.AdminPassword)]);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(error, (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_JsonBody_AnswersInvalidRequest()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync("/oauth/token", new { grant_type = "client_credentials" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_MalformedBasicCredentials_Answers401InvalidClient()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new("Basic", "%%%not-base64%%%");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_BasicAndFormSecretTogether_AnswersInvalidRequest()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token",
            [new("grant_type", "client_credentials"), new("client_secret", _agent.Secret)], basic: _agent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_ScopeNotAllowedForClient_AnswersInvalidScope()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials"), new("scope", "admin:everything")], basic: _agent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_RefreshGrant_RotatesAndReuseRevokesTheFamily()
    {
        using var client = _factory.CreateClient();
        var login = await ServerAccounts.LoginAsync(client, "admin", _factory.AdminPassword);
        var first = login.Str("refresh_token");

        var refreshed = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", first)]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await refreshed.JsonAsync();
        Assert.NotEqual(first, second.Str("refresh_token"));

        var reuse = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", first)]);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await reuse.JsonAsync()).Str("error"));

        // The reuse revoked the family: the pair issued by the legitimate refresh is dead too.
        var afterReuse = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", second.Str("refresh_token"))]);
        Assert.Equal(HttpStatusCode.BadRequest, afterReuse.StatusCode);
        Assert.False(await IsActiveAsync(client, second.Str("access_token")));
    }

    [Fact]
    public async Task Token_RefreshGrantWithoutToken_AnswersInvalidRequest()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Token_RepeatedParameter_AnswersInvalidRequest()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/token",
            [new("grant_type", "client_credentials"), new("grant_type", "refresh_token")], basic: _agent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Revoke_AccessTokenByClient_Answers200AndTokenBecomesInactive()
    {
        using var client = _factory.CreateClient();
        var token = await ClientTokenAsync(client);
        Assert.True(await IsActiveAsync(client, token));

        var response = await client.PostFormAsync("/oauth/revoke", [new("token", token), new("token_type_hint", "access_token")], basic: _agent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await IsActiveAsync(client, token));
        var denied = await client.GetAsync("/api/v1/keys", token);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains("AUTH_TOKEN_REVOKED", denied.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_RefreshTokenByBearer_EndsTheSession()
    {
        using var client = _factory.CreateClient();
        var login = await ServerAccounts.LoginAsync(client, "admin", _factory.AdminPassword);

        var response = await client.PostFormAsync("/oauth/revoke", [new("token", login.Str("refresh_token"))], bearer: login.Str("access_token"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refresh = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", login.Str("refresh_token"))]);
        Assert.Equal("invalid_grant", (await refresh.JsonAsync()).Str("error"));
        Assert.False(await IsActiveAsync(client, login.Str("access_token")));
    }

    [Fact]
    public async Task Revoke_UnknownToken_Answers200()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/revoke", [new("token", "not-a-token-we-ever-issued")], basic: _agent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_Unauthenticated_Answers401InvalidClient()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/revoke", [new("token", "whatever")]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task Introspect_ActiveAccessToken_AnswersClaims()
    {
        using var client = _factory.CreateClient();
        var token = await ClientTokenAsync(client);

        var response = await client.PostFormAsync("/oauth/introspect", [new("token", token)], basic: _agent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(_agent.Id, body.Str("client_id"));
        Assert.Equal(_agent.Id, body.Str("sub"));
        Assert.Equal("mcp", body.Str("scope"));
        Assert.Equal("access_token", body.Str("token_type"));
        Assert.True(body.GetProperty("exp").GetInt64() > body.GetProperty("iat").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.Str("jti")));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Introspect_InvalidToken_AnswersOnlyActiveFalse(string token)
    {
        using var client = _factory.CreateClient();

        var response = await client.PostFormAsync("/oauth/introspect", [new("token", token)], basic: _agent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Single(body.EnumerateObject());
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_CallerAuthenticatedByBearer_IsAccepted()
    {
        using var client = _factory.CreateClient();
        var caller = await ClientTokenAsync(client);
        var subject = await ClientTokenAsync(client);

        var response = await client.PostFormAsync("/oauth/introspect", [new("token", subject)], bearer: caller);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_Unauthenticated_Answers401()
    {
        using var client = _factory.CreateClient();
        var token = await ClientTokenAsync(client);

        var response = await client.PostFormAsync("/oauth/introspect", [new("token", token)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).Str("error"));
    }

    private async Task<string> ClientTokenAsync(HttpClient client)
    {
        var response = await client.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")], basic: _agent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).Str("access_token");
    }

    private async Task<bool> IsActiveAsync(HttpClient client, string token)
    {
        var response = await client.PostFormAsync("/oauth/introspect", [new("token", token)], basic: _agent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("active").GetBoolean();
    }
}
