using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using OurLimiter = McpSecurity.SecurityCore.RateLimiting.RateLimiter;

namespace McpSecurity.Benchmarks;

/// <summary>
/// One in-memory rate-limit check (target at most 200 ns and 0 B): ours (GCRA on the in-memory store) against
/// System.Threading.RateLimiting's PartitionedRateLimiter with a token bucket per key (the peer), on the same 1,024 keys,
/// each call reading the clock as a real check does. Limits are high enough that every call is admitted (the hot path).
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *InMemoryRateLimit*</c>.</remarks>
[MemoryDiagnoser]
public class InMemoryRateLimitBenchmarks : IDisposable
{
    private const int KeyCount = 1024;
    private string[] _keys = [];
    private InMemoryRateLimitStore _store = null!;
    private RateLimitPolicy _policy = null!;
    private PartitionedRateLimiter<string> _peer = null!;
    private OurLimiter _engine = null!;
    private RateLimitRequest[] _requests = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, KeyCount).Select(i => "api|p=usr_" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _store = new InMemoryRateLimitStore(100_000, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance);
        _policy = RateLimitPolicySet.ToPolicy("api", new RateLimitPolicyOptions
        {
            Limit = 1_000_000, Period = TimeSpan.FromSeconds(1), KeyBy = [RateLimitKeyParts.Principal],
        }, builtIn: false, new RateLimitingOptions());
        _peer = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1_000_000,
            TokensPerPeriod = 1_000_000,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        var options = new RateLimitingOptions { UseDefaultPolicies = false };
        options.Policies["api"] = new RateLimitPolicyOptions { Limit = 1_000_000, Period = TimeSpan.FromSeconds(1), KeyBy = [RateLimitKeyParts.Principal] };
        _engine = new OurLimiter(new FixedOptionsMonitor<RateLimitingOptions>(options), _store, null!, null!, TimeProvider.System, NullLogger<OurLimiter>.Instance);
        _requests = Enumerable.Range(0, KeyCount).Select(i => new RateLimitRequest { UserId = "usr_" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) }).ToArray();
        foreach (var key in _keys)
        {
            Ours();
            Peer();
        }
    }

    [Benchmark(Description = "ours: in-memory GCRA check")]
    public bool Ours()
    {
        var key = _keys[_next++ & (KeyCount - 1)];
        // The store's own clock, as the limiter reads it once per request (a monotonic timestamp, the wall clock read once at start).
        return _store.Acquire(_policy, key, _store.NowMicros(), 1, dryRun: false).Allowed;
    }

    [Benchmark(Baseline = true, Description = "peer: PartitionedRateLimiter token bucket")]
    public bool Peer()
    {
        using var lease = _peer.AttemptAcquire(_keys[_next++ & (KeyCount - 1)]);
        return lease.IsAcquired;
    }

    [Benchmark(Description = "ours: whole limiter (key from request, result)")]
    public bool Engine()
    {
        // The in-memory store completes synchronously; AsTask only runs on the (never taken) asynchronous path.
        var pending = _engine.CheckAsync(_requests[_next++ & (KeyCount - 1)]);
        return pending.IsCompletedSuccessfully ? pending.Result.Allowed : pending.AsTask().GetAwaiter().GetResult().Allowed;
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _store?.Dispose();
        _peer?.Dispose();
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }
}
