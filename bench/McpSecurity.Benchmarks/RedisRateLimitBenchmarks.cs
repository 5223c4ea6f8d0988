using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.Benchmarks;

/// <summary>
/// One Redis rate-limit check (EVALSHA of the GCRA script, one round trip) against a bare PING on the same connection
/// (the floor), one caller at a time, on a redis-server of the benchmark's own.
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *RedisRateLimit*</c>.</remarks>
[MemoryDiagnoser]
public class RedisRateLimitBenchmarks : IDisposable
{
    private const int KeyCount = 1024;
    private BenchRedisServer _server = null!;
    private RedisRateLimitSetup _setup = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = new BenchRedisServer();
        _setup = new RedisRateLimitSetup(_server.Configuration, KeyCount);
        for (var i = 0; i < KeyCount; i++)
        {
            _ = Check().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "floor: PING round trip")]
    public Task<TimeSpan> Ping() => _setup.Database.PingAsync();

    [Benchmark(Description = "ours: Redis GCRA check (EVALSHA)")]
    public async Task<bool> Check() => (await _setup.CheckAsync(_next++)).Allowed;

    /// <summary>BenchmarkDotNet calls this, not Dispose, at the end of each benchmark process: it stops the redis-server.</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _setup?.Dispose();
        _server?.Dispose();
        _setup = null!;
        _server = null!;
        GC.SuppressFinalize(this);
    }
}

/// <summary>A Redis store, its connection and keys, shared by the latency benchmark and the throughput run.</summary>
internal sealed class RedisRateLimitSetup : IDisposable
{
    private readonly string[] _keys;
    private readonly RateLimitPolicy _policy;

    public RedisRateLimitSetup(string configuration, int keyCount)
    {
        Connection = new RedisConnection(Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = "bench", OperationTimeout = TimeSpan.FromSeconds(5) }), NullLogger<RedisConnection>.Instance);
        Store = new RedisRateLimitStore(Connection, new FixedOptionsMonitor<RateLimitingOptions>(new RateLimitingOptions()), new NoEvents(), TimeProvider.System, NullLogger<RedisRateLimitStore>.Instance);
        _policy = RateLimitPolicySet.ToPolicy("api", new RateLimitPolicyOptions { Limit = 1_000_000, Period = TimeSpan.FromSeconds(1), KeyBy = [RateLimitKeyParts.Principal] }, builtIn: false, new RateLimitingOptions());
        _keys = Enumerable.Range(0, keyCount).Select(i => "api|p=usr_" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Database = Connection.Database;
    }

    public RedisConnection Connection { get; }

    public RedisRateLimitStore Store { get; }

    public IDatabase Database { get; }

    public ValueTask<RateLimitOutcome> CheckAsync(int index)
    {
        var now = (TimeProvider.System.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        return Store.AcquireAsync(_policy, _keys[index & (_keys.Length - 1)], now, 1, false, default);
    }

    public void Dispose()
    {
        Store.Dispose();
        Connection.Dispose();
    }

    private sealed class NoEvents : ISecurityEventSink
    {
        public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
