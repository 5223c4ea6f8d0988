using System.Globalization;
using McpSecurity.Tests.SecurityCore.RateLimiting;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>
/// Two built-dll servers sharing one real redis-server, as an operator would run them behind a load balancer: each its own
/// port and data directory (LiteDB is single-process), the same Redis configuration and key prefix, the same policies.
/// </summary>
public class RedisInstancePair : IAsyncLifetime
{
    private readonly Dictionary<string, string> _environment;
    private readonly ServerProcess?[] _processes = new ServerProcess?[2];
    private readonly TempDirectory[] _data = [new("scale-a"), new("scale-b")];
    private readonly int[] _ports = [ServerProcess.FreePort(), ServerProcess.FreePort()];

    public RedisInstancePair()
    {
        AdminPassword = TestSecrets.NewPassword();
        KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12];
        _environment = new Dictionary<string, string>
        {
            ["MCPSEC__Redis__Configuration"] = Redis.Configuration,
            ["MCPSEC__Redis__KeyPrefix"] = KeyPrefix,
            ["MCPSEC__Bootstrap__AdminPassword"] = AdminPassword,
        };
    }

    /// <summary>Gets the shared redis-server.</summary>
    public RedisServer Redis { get; } = new();

    /// <summary>Gets the Redis key prefix of both instances.</summary>
    public string KeyPrefix { get; }

    /// <summary>Gets the first administrator's password (each instance has its own administrator with this password).</summary>
    public string AdminPassword { get; }

    /// <summary>Gets the base address of instance 0 or 1.</summary>
    public Uri BaseAddress(int instance) => new($"http://127.0.0.1:{_ports[instance].ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Adds an <c>MCPSEC__...</c> setting of both instances; before <see cref="InitializeAsync"/>.</summary>
    public void Set(string key, string value) => _environment["MCPSEC__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;

    /// <summary>Adds a policy of both instances (GCRA, <paramref name="limit"/> at once and per hour: no refill within a test).</summary>
    public void Policy(string name, int limit, string keyBy, string endpoint)
    {
        var count = limit.ToString(CultureInfo.InvariantCulture);
        Set($"RateLimiting:Policies:{name}:Limit", count);
        Set($"RateLimiting:Policies:{name}:Burst", count);
        Set($"RateLimiting:Policies:{name}:Period", "01:00:00");
        Set($"RateLimiting:Policies:{name}:KeyBy:0", keyBy);
        Set($"RateLimiting:Policies:{name}:Endpoints:0", endpoint);
    }

    /// <summary>Gets the captured stderr of an instance (for failure messages).</summary>
    public string StandardError(int instance) => _processes[instance]?.StandardError ?? "";

    public async Task InitializeAsync() => await Task.WhenAll(StartAsync(0), StartAsync(1));

    /// <summary>Stops an instance (SIGTERM) and starts it again on the same port and data directory.</summary>
    public async Task RestartAsync(int instance)
    {
        await _processes[instance]!.StopAsync();
        await _processes[instance]!.DisposeAsync();
        await StartAsync(instance);
    }

    /// <summary>Logs the administrator of an instance in; answers the access token.</summary>
    public async Task<string> AdminTokenAsync(int instance)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress(instance) };
        return (await ServerAccounts.LoginAsync(http, "admin", AdminPassword)).Str("access_token");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        foreach (var data in _data)
        {
            data.Dispose();
        }

        Redis.Dispose();
    }

    private async Task StartAsync(int instance)
    {
        var process = ServerProcess.Start(
            ["serve", "--data-dir", _data[instance].Path, "--urls", BaseAddress(instance).ToString().TrimEnd('/')],
            _environment);
        _processes[instance] = process;
        await process.WaitUntilReadyAsync(BaseAddress(instance));
    }
}
