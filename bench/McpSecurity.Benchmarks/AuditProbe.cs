using System.Diagnostics;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

/// <summary>A quick wall-clock probe of audit append throughput (<c>-- audit-probe [events] [publishers]</c>), for a load-tolerant figure next to BenchmarkDotNet.</summary>
internal static class AuditProbe
{
    public static void Run(int events, int publishers)
    {
        var bench = new AuditAppendBenchmarks { Publishers = publishers };
        bench.Setup();
        try
        {
            // Warm up (JIT, first key, first pages).
            bench.AppendWithChainTreeAndCheckpoints().GetAwaiter().GetResult();
            var rounds = Math.Max(1, events / 4096);
            var stopwatch = Stopwatch.StartNew();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < rounds; i++)
            {
                bench.AppendWithChainTreeAndCheckpoints().GetAwaiter().GetResult();
            }

            stopwatch.Stop();
            var total = rounds * 4096;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine($"audit append: {total} events, {publishers} publishers: {total / stopwatch.Elapsed.TotalSeconds:F0} events/s, "
                + $"{stopwatch.Elapsed.TotalMilliseconds * 1000 / total:F1} us/event, {allocated / total} B/event allocated");
        }
        finally
        {
            bench.Dispose();
        }
    }
}
