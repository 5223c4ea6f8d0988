using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Paired, interleaved timing of the in-memory rate-limit rows (<see cref="InMemoryRateLimitBenchmarks"/>): each round
/// times a block of both contenders back to back, order alternating, and the ratio is the median of the per-round ratios,
/// so a burst of outside load hits both alike. Delegates return <see cref="bool"/> (no boxing inside the timed loop).
/// Also times the check with the metrics the limiter's decision path is to record: a counter with a stack
/// <see cref="TagList"/> alone, and <see cref="SecurityMetrics.RecordRateLimitCheck"/> (that counter plus a duration
/// histogram, so two clock reads around the check), without a listener and with one (a <see cref="MeterListener"/>
/// that sums the measurements; an exporter's aggregation costs more).
/// Run with <c>-- ratelimit-paired</c>.
/// </summary>
internal static class RateLimitPairedComparison
{
    private const int Rounds = 301;
    private const int Block = 2000;

    public static void Run()
    {
        using var b = new InMemoryRateLimitBenchmarks();
        b.Setup();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SecurityMetrics(services.GetRequiredService<IMeterFactory>());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average before: {LoadAverage()}"));
        Console.WriteLine("| Row | Against | Median ratio | Row median (ns) | Against median (ns) |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        Compare(("ours: in-memory GCRA check", b.Ours), ("peer: PartitionedRateLimiter token bucket", b.Peer));
        Compare(("ours: whole limiter", b.Engine), ("peer: PartitionedRateLimiter token bucket", b.Peer));
        var counter = metrics.Meter.CreateCounter<long>("mcpsec.bench.checks");
        Compare(("ours: check + counter only, no listener", () => WithCounter(b, counter)), ("peer: PartitionedRateLimiter token bucket", b.Peer));
        Compare(("ours: check + metrics, no listener", () => WithMetrics(b, metrics)), ("ours: in-memory GCRA check", b.Ours));
        Compare(("ours: whole limiter + metrics, no listener", () => EngineWithMetrics(b, metrics)), ("ours: whole limiter", b.Engine));
        long sum = 0;
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SecurityMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref sum, value));
            listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref sum));
            listener.Start();
            Compare(("ours: check + counter only, listener", () => WithCounter(b, counter)), ("peer: PartitionedRateLimiter token bucket", b.Peer));
            Compare(("ours: check + metrics, listener", () => WithMetrics(b, metrics)), ("peer: PartitionedRateLimiter token bucket", b.Peer));
            Compare(("ours: check + metrics, listener", () => WithMetrics(b, metrics)), ("ours: in-memory GCRA check", b.Ours));
            Compare(("ours: whole limiter + metrics, listener", () => EngineWithMetrics(b, metrics)), ("ours: whole limiter", b.Engine));
        }

        // Again at the end: the first row of a run is the one most exposed to late tier-up of the JIT under load.
        Compare(("ours: in-memory GCRA check", b.Ours), ("peer: PartitionedRateLimiter token bucket", b.Peer));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average after: {LoadAverage()} (listener saw {sum} measurements)"));
    }

    private static bool WithMetrics(InMemoryRateLimitBenchmarks b, SecurityMetrics metrics)
    {
        var start = Stopwatch.GetTimestamp();
        var allowed = b.Ours();
        metrics.RecordRateLimitCheck("api", allowed, Stopwatch.GetElapsedTime(start));
        return allowed;
    }

    private static bool WithCounter(InMemoryRateLimitBenchmarks b, Counter<long> counter)
    {
        var allowed = b.Ours();
        counter.Add(1, new TagList { { "policy", "api" }, { "outcome", allowed ? "allowed" : "denied" } });
        return allowed;
    }

    private static bool EngineWithMetrics(InMemoryRateLimitBenchmarks b, SecurityMetrics metrics)
    {
        var start = Stopwatch.GetTimestamp();
        var allowed = b.Engine();
        metrics.RecordRateLimitCheck("api", allowed, Stopwatch.GetElapsedTime(start));
        return allowed;
    }

    private static void Compare((string Name, Func<bool> Action) row, (string Name, Func<bool> Action) against)
    {
        var contenders = new[] { row, against };
        // Warm up by time, so tiered compilation has promoted both to optimized code before the first round.
        var warmUntil = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            foreach (var (_, action) in contenders)
            {
                for (var i = 0; i < Block; i++)
                {
                    action();
                }
            }
        }

        var perOp = new[] { new double[Rounds], new double[Rounds] };
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < 2; k++)
            {
                var c = (k + round) % 2;
                var action = contenders[c].Action;
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < Block; i++)
                {
                    action();
                }

                perOp[c][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Block;
            }
        }

        var ratio = Median(perOp[0].Zip(perOp[1], (x, y) => x / y).ToArray());
        Console.WriteLine($"| {row.Name} | {against.Name} | {Format(ratio)} | {Format(Median(perOp[0]))} | {Format(Median(perOp[1]))} |");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Format(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
