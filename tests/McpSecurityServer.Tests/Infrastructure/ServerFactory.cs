using McpSecurity.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>The server in memory (TestServer), with its own temporary data directory.</summary>
/// <remarks>
/// Settings reach the program as <c>--Key=value</c> arguments (the highest configuration layer), exactly as an
/// operator would give them.
/// </remarks>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _dataDirectory = new("waf");

    public ServerFactory()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _dataDirectory.Path,
            ["Mcp:AllowedHosts:0"] = "localhost",
            // Fixtures log the admin in with a password alone; the two-factor tests switch enforcement back on.
            ["TwoFactor:Enforce"] = "false",
        };
        // Fixtures log in many times from one address: generous limits, so only the rate-limit tests (which set tight ones) meet them.
        foreach (var policy in GenerousRateLimitPolicies)
        {
            Settings[$"RateLimiting:Policies:{policy}:Limit"] = "100000";
            Settings[$"RateLimiting:Policies:{policy}:Burst"] = "100000";
        }
    }

    /// <summary>Gets the built-in rate-limit policies the fixtures widen.</summary>
    public static IReadOnlyList<string> GenerousRateLimitPolicies { get; } =
        ["login-address", "login-user", "two-factor", "token", "api-principal", "api-address", "mcp-tool"];

    /// <summary>Gets the data directory.</summary>
    public string DataDirectory => _dataDirectory.Path;

    /// <summary>Gets the configuration given to the server; change it before the first client is created.</summary>
    public IDictionary<string, string?> Settings { get; }

    /// <summary>Gets or sets test services registered after the server's own (test doubles).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Connects the C# SDK's MCP client over Streamable HTTP to this server's <c>/mcp</c> with a bearer token.</summary>
    /// <param name="token">The access token sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="origin">An <c>Origin</c> header to send, as a browser would; none when null.</param>
    public async Task<McpClient> ConnectMcpAsync(string token, string? origin = null)
    {
        var http = CreateClient();
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        };
        if (origin is not null)
        {
            options.AdditionalHeaders["Origin"] = origin;
        }

        var transport = new HttpClientTransport(options, http, NullLoggerFactory.Instance, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(Settings));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dataDirectory.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dataDirectory.Dispose();
        GC.SuppressFinalize(this);
    }
}
