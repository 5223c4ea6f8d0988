using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class WellKnownEndpointsTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public WellKnownEndpointsTests(ServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Jwks_Default_PublishesTheEs256PublicKeyOnly()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = (await response.JsonAsync()).GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Equal("EC", key.Str("kty"));
            Assert.False(string.IsNullOrEmpty(key.Str("kid")));
            Assert.False(key.TryGetProperty("d", out _));
        }
    }

    [Fact]
    public async Task AuthorizationServerMetadata_Default_DescribesTheEndpoints()
    {
        using var client = _factory.CreateClient();

        var body = await (await client.GetAsync("/.well-known/oauth-authorization-server")).JsonAsync();

        Assert.Equal("http://127.0.0.1:5080", body.Str("issuer"));
        Assert.Equal("http://127.0.0.1:5080/oauth/token", body.Str("token_endpoint"));
        Assert.Equal("http://127.0.0.1:5080/.well-known/jwks.json", body.Str("jwks_uri"));
        Assert.Equal("http://127.0.0.1:5080/oauth/revoke", body.Str("revocation_endpoint"));
        Assert.Equal("http://127.0.0.1:5080/oauth/introspect", body.Str("introspection_endpoint"));
        Assert.Equal(["client_credentials", "refresh_token"], body.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client_secret_basic", body.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("mcp", body.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource")]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    public async Task ProtectedResourceMetadata_BothPaths_DescribeTheMcpEndpoint(string path)
    {
        using var client = _factory.CreateClient();

        var body = await (await client.GetAsync(path)).JsonAsync();

        Assert.Equal("http://127.0.0.1:5080/mcp", body.Str("resource"));
        Assert.Equal(["http://127.0.0.1:5080"], body.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], body.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("mcp", body.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Metadata_ListenAddressChangedWithoutIssuer_FollowsTheListenAddress()
    {
        await using var factory = new ServerFactory();
        factory.Settings["urls"] = "http://127.0.0.1:6123";
        using var client = factory.CreateClient();

        var server = await (await client.GetAsync("/.well-known/oauth-authorization-server")).JsonAsync();
        var resource = await (await client.GetAsync("/.well-known/oauth-protected-resource")).JsonAsync();

        Assert.Equal("http://127.0.0.1:6123", server.Str("issuer"));
        Assert.Equal("http://127.0.0.1:6123/oauth/token", server.Str("token_endpoint"));
        Assert.Equal("http://127.0.0.1:6123/mcp", resource.Str("resource"));
    }

    [Fact]
    public async Task Metadata_ConfiguredIssuer_WinsOverTheListenAddress()
    {
        await using var factory = new ServerFactory();
        factory.Settings["urls"] = "http://127.0.0.1:6124";
        factory.Settings["Tokens:Issuer"] = "https://auth.example.org";
        factory.Settings["Tokens:Audience"] = "https://auth.example.org/mcp";
        using var client = factory.CreateClient();

        var server = await (await client.GetAsync("/.well-known/oauth-authorization-server")).JsonAsync();

        Assert.Equal("https://auth.example.org", server.Str("issuer"));
        Assert.Equal("https://auth.example.org/.well-known/jwks.json", server.Str("jwks_uri"));
    }
}
