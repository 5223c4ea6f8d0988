using System.Net;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Http;

public sealed class HealthEndpointsTests : IClassFixture<ServerFactory>
{
    private readonly ServerFactory _factory;

    public HealthEndpointsTests(ServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_Running_Answers200()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Readyz_StoreOpenAndKeyActive_Answers200()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("ready", body.Str("status"));
        Assert.True(body.GetProperty("checks").GetProperty("signing_key").GetBoolean());
    }

    [Fact]
    public async Task Readyz_NoActiveKey_Answers503()
    {
        await using var factory = new ServerFactory();
        factory.TestServices = services => services.AddSingleton<ISigningKeyService, EmptyKeyRing>();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("not_ready", body.Str("status"));
        Assert.False(body.GetProperty("checks").GetProperty("signing_key").GetBoolean());
    }
}
