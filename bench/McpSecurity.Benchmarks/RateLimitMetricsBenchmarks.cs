using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OurLimiter = McpSecurity.SecurityCore.RateLimiting.RateLimiter;

namespace McpSecurity.Benchmarks;

/// <summary>
/// What the metrics cost the whole in-memory limiter: the same check as <see cref="InMemoryRateLimitBenchmarks"/>'s
/// "whole limiter" without metrics, and with <see cref="SecurityMetrics"/> forwarded into prometheus-net by the server's bridge (a
/// decision counter per policy and the check-duration histogram, as in production).
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *RateLimitMetrics*</c>.</remarks>
[MemoryDiagnoser]
public class RateLimitMetricsBenchmarks : IDisposable
{
    private const int KeyCount = 1024;
    private readonly List<IDisposable> _owned = [];
    private OurLimiter _plain = null!;
    private OurLimiter _metered = null!;
    private SecurityMetrics _metrics = null!;
    private RateLimitRequest[] _requests = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var options = new RateLimitingOptions { UseDefaultPolicies = false };
        options.Policies["api"] = new RateLimitPolicyOptions { Limit = 1_000_000, Period = TimeSpan.FromSeconds(1), KeyBy = [RateLimitKeyParts.Principal] };
        var monitor = new FixedOptionsMonitor<RateLimitingOptions>(options);
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton<SecurityMetrics>().AddSingleton<PrometheusMeterBridge>().BuildServiceProvider();
        _owned.Add(services);
        var metrics = _metrics = services.GetRequiredService<SecurityMetrics>();
        services.GetRequiredService<PrometheusMeterBridge>();
        var plainStore = new InMemoryRateLimitStore(100_000, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance);
        var meteredStore = new InMemoryRateLimitStore(100_000, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance);
        _owned.Add(plainStore);
        _owned.Add(meteredStore);
        _plain = new OurLimiter(monitor, plainStore, null!, null!, TimeProvider.System, NullLogger<OurLimiter>.Instance);
        _metered = new OurLimiter(monitor, meteredStore, null!, null!, TimeProvider.System, NullLogger<OurLimiter>.Instance, metrics: metrics);
        _owned.Add(_plain);
        _owned.Add(_metered);
        _requests = Enumerable.Range(0, KeyCount).Select(i => new RateLimitRequest { UserId = "usr_" + i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) }).ToArray();
        for (var i = 0; i < KeyCount; i++)
        {
            Plain();
            Metered();
        }
    }

    [Benchmark(Baseline = true, Description = "whole limiter, no metrics")]
    public bool Plain() => Check(_plain);

    [Benchmark(Description = "whole limiter, metrics exported (counter + histogram)")]
    public bool Metered() => Check(_metered);

    [Benchmark(Description = "one decision counted (exported)")]
    public void Decision() => _metrics.RecordRateLimitDecision("api", allowed: true);

    [Benchmark(Description = "one duration recorded (exported)")]
    public void Duration() => _metrics.RecordRateLimitCheckDuration(TimeSpan.FromTicks(3));

    [Benchmark(Description = "two clock reads (Stopwatch)")]
    public TimeSpan Clock() => System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp());

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
        GC.SuppressFinalize(this);
    }

    private bool Check(OurLimiter limiter)
    {
        var pending = limiter.CheckAsync(_requests[_next++ & (KeyCount - 1)]);
        return pending.IsCompletedSuccessfully ? pending.Result.Allowed : pending.AsTask().GetAwaiter().GetResult().Allowed;
    }
}
