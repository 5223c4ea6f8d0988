using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>
/// An in-memory server whose requests come from the address in <c>X-Test-Remote-Address</c> (TestServer has none), with a
/// tight policy <c>metrics-probe</c> on <c>GET /api/v1/me</c> that nobody bypasses.
/// </summary>
public class MetricsServerFactory : AdminServerFactory
{
    /// <summary>The header that sets the caller's address.</summary>
    public const string AddressHeader = TestRemoteAddressStartupFilter.HeaderName;

    /// <summary>The probe policy's limit (its burst is the same).</summary>
    public const int ProbeLimit = 2;

    public MetricsServerFactory()
        : this(null)
    {
    }

    private MetricsServerFactory(Action<IServiceCollection>? extra)
    {
        Settings["RateLimiting:Policies:metrics-probe:Limit"] = ProbeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:metrics-probe:Burst"] = ProbeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:metrics-probe:Period"] = "01:00:00";
        Settings["RateLimiting:Policies:metrics-probe:KeyBy:0"] = "principal";
        Settings["RateLimiting:Policies:metrics-probe:Endpoints:0"] = "/api/v1/me";
        Settings["RateLimiting:Policies:metrics-probe:BypassRoles:0"] = "none";
        var earlier = TestServices;
        TestServices = services =>
        {
            earlier?.Invoke(services);
            TestRemoteAddressStartupFilter.Register(services);
            extra?.Invoke(services);
        };
    }

    /// <summary>A server with test doubles registered after the server's own services.</summary>
    public static MetricsServerFactory WithServices(Action<IServiceCollection> extra) => new(extra);

    /// <summary>A client whose requests come from <paramref name="address"/> (null: no address, as TestServer gives).</summary>
    public HttpClient ClientFrom(string? address)
    {
        var client = CreateClient();
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(AddressHeader, address);
        }

        return client;
    }
}
