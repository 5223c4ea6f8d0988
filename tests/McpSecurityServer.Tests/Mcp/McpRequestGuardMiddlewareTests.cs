using McpSecurity.Server.Mcp;

namespace McpSecurity.Tests.Server.Mcp;

public sealed class McpRequestGuardMiddlewareTests
{
    [Theory]
    [InlineData("localhost", 5080, true)]
    [InlineData("127.0.0.1", 5080, true)]
    [InlineData("[::1]", 5080, true)]
    [InlineData("LOCALHOST", 5080, true)]
    [InlineData("localhost", 5081, false)]
    [InlineData("evil.example", 5080, false)]
    [InlineData("localhost.evil.example", 5080, false)]
    public void HostAllowed_DefaultsForPort5080_AcceptOnlyLoopbackNamesWithThatPort(string host, int port, bool expected)
    {
        var options = new McpEndpointOptions();
        McpEndpointDefaults.Apply(options, "http://127.0.0.1:5080");

        Assert.Equal(expected, McpRequestGuardMiddleware.HostAllowed(options.AllowedHosts, host, port));
    }

    [Fact]
    public void Apply_ExplicitHosts_AreKept()
    {
        var options = new McpEndpointOptions { AllowedHosts = ["mcp.example.org"] };

        McpEndpointDefaults.Apply(options, "http://127.0.0.1:5080");

        Assert.Equal(["mcp.example.org"], options.AllowedHosts);
    }

    [Fact]
    public void Apply_WildcardAndNamedUrls_AddLoopbackNamesAndTheNamedHost()
    {
        var options = new McpEndpointOptions();

        McpEndpointDefaults.Apply(options, "http://*:6000;http://mcp.internal:7000");

        Assert.Contains("localhost:6000", options.AllowedHosts);
        Assert.Contains("mcp.internal:7000", options.AllowedHosts);
        Assert.DoesNotContain("*:6000", options.AllowedHosts);
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:3000", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("null", false)]
    [InlineData("file:///etc/passwd", false)]
    public void OriginAllowed_DefaultOrigins_FollowTheAllowedHosts(string origin, bool expected)
    {
        var options = new McpEndpointOptions();
        McpEndpointDefaults.Apply(options, "http://127.0.0.1:5080");

        Assert.Equal(expected, McpRequestGuardMiddleware.OriginAllowed(options, origin));
    }

    [Theory]
    [InlineData("https://app.example.org", true)]
    [InlineData("https://app.example.org:443", true)]
    [InlineData("http://app.example.org", false)]
    [InlineData("http://localhost:5080", false)]
    public void OriginAllowed_ExplicitOrigins_MatchExactly(string origin, bool expected)
    {
        var options = new McpEndpointOptions { AllowedOrigins = ["https://app.example.org"] };
        McpEndpointDefaults.Apply(options, "http://127.0.0.1:5080");

        Assert.Equal(expected, McpRequestGuardMiddleware.OriginAllowed(options, origin));
    }
}
