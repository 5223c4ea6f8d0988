using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>Address-keyed policies through HTTP (the peer address simulated by <see cref="TestRemoteAddressStartupFilter"/>).</summary>
public sealed class RateLimitAddressTests
{
    private const int Limit = 2;

    [Fact]
    public async Task Get_SameIpv4AddressOverLimit_IsRefusedAndOtherAddressesAreNot()
    {
        await using var factory = AddressFactory();
        using var http = factory.CreateClient();

        var first = await GetFromAsync(http, "203.0.113.7");
        var second = await GetFromAsync(http, "203.0.113.7");
        var third = await GetFromAsync(http, "203.0.113.7");
        var mapped = await GetFromAsync(http, "::ffff:203.0.113.7");
        var neighbour = await GetFromAsync(http, "203.0.113.8");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("RATE_LIMIT_EXCEEDED", await third.ErrorCodeAsync());
        // IPv4-mapped IPv6 is the same IPv4 client.
        Assert.Equal(HttpStatusCode.TooManyRequests, mapped.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, neighbour.StatusCode);
    }

    [Fact]
    public async Task Get_Ipv6AddressesOfOneSlash64_ShareOneCounter()
    {
        await using var factory = AddressFactory();
        using var http = factory.CreateClient();

        await GetFromAsync(http, "2001:db8:1:2::1");
        await GetFromAsync(http, "2001:db8:1:2:aaaa::2");
        var sameNetwork = await GetFromAsync(http, "2001:db8:1:2:ffff:ffff:ffff:9");
        var otherNetwork = await GetFromAsync(http, "2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Contains("\"by-address\"", string.Join(",", sameNetwork.Headers.GetValues("RateLimit-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherNetwork.StatusCode);
        Assert.Equal((Limit - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(otherNetwork.Headers.GetValues("X-RateLimit-Remaining")));
    }

    [Fact]
    public async Task Get_BehindATrustedProxy_CountsEachForwardedClientOnItsOwn()
    {
        await using var factory = AddressFactory();
        factory.Settings["Proxy:TrustedProxies:0"] = "10.0.0.0/24";
        using var http = factory.CreateClient();

        await GetFromAsync(http, "10.0.0.5", forwardedFor: "203.0.113.20");
        await GetFromAsync(http, "10.0.0.6", forwardedFor: "203.0.113.20");
        var sameClient = await GetFromAsync(http, "10.0.0.5", forwardedFor: "203.0.113.20");
        var otherClient = await GetFromAsync(http, "10.0.0.5", forwardedFor: "203.0.113.21");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
    }

    [Fact]
    public async Task Get_ForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        await using var factory = AddressFactory();
        factory.Settings["Proxy:TrustedProxies:0"] = "10.0.0.0/24";
        using var http = factory.CreateClient();

        await GetFromAsync(http, "198.51.100.1", forwardedFor: "203.0.113.30");
        await GetFromAsync(http, "198.51.100.1", forwardedFor: "203.0.113.31");
        var third = await GetFromAsync(http, "198.51.100.1", forwardedFor: "203.0.113.32");

        // A client cannot pick a new address per request to escape its limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    private static AdminServerFactory AddressFactory()
    {
        var factory = new AdminServerFactory { TestServices = TestRemoteAddressStartupFilter.Register };
        factory.Settings["RateLimiting:Policies:by-address:Limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["RateLimiting:Policies:by-address:Period"] = "01:00:00";
        factory.Settings["RateLimiting:Policies:by-address:Burst"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["RateLimiting:Policies:by-address:KeyBy:0"] = "address";
        factory.Settings["RateLimiting:Policies:by-address:Endpoints:0"] = "/api/v1/me";
        return factory;
    }

    private static Task<HttpResponseMessage> GetFromAsync(HttpClient http, string address, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add(TestRemoteAddressStartupFilter.HeaderName, address);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return http.SendAsync(request);
    }
}
