using System.Diagnostics;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Benchmarks;

/// <summary>Median and p99 of audit query pages over 1,000,000 entries (<c>-- audit-query-probe [pages]</c>); BenchmarkDotNet reports no p99.</summary>
internal static class AuditQueryProbe
{
    public static void Run(int pages)
    {
        using var store = AuditQueryStore.Open();
        var typeAndRange = AuditQueryBenchmarks.TypeAndRangeQueries(pages, 7);
        var rows = new (string Name, Func<int, AuditQuery> Query)[]
        {
            ("type + 7-day range, 50 rows", i => typeAndRange[i]),
            ("type + 7-day range, page 2 (cursor)", i => typeAndRange[i]),
            ("actor, 50 rows", i => new AuditQuery { Actor = AuditQueryStore.SubjectOf(i * 31 + 5), Limit = 50 }),
            ("type + free text, 50 rows", i => new AuditQuery { Type = SecurityEventTypes.AccessDenied, Text = "agent-" + (i % 40), Limit = 50 }),
            ("no filter, 50 rows", _ => new AuditQuery { Limit = 50 }),
        };

        // Warm up: JIT and the first index pages.
        for (var i = 0; i < 50; i++)
        {
            store.Query.QueryAsync(typeAndRange[i % pages], AuditQueryStore.Reader).GetAwaiter().GetResult();
        }

        foreach (var (name, make) in rows)
        {
            var times = new double[pages];
            var returned = 0L;
            for (var i = 0; i < pages; i++)
            {
                var query = make(i);
                if (name.Contains("cursor", StringComparison.Ordinal))
                {
                    var first = store.Query.QueryAsync(query, AuditQueryStore.Reader).GetAwaiter().GetResult();
                    query = query with { Cursor = first.NextCursor };
                    if (query.Cursor is null)
                    {
                        continue;
                    }
                }

                var stopwatch = Stopwatch.StartNew();
                var page = store.Query.QueryAsync(query, AuditQueryStore.Reader).GetAwaiter().GetResult();
                times[i] = stopwatch.Elapsed.TotalMilliseconds;
                returned += page.Entries.Count;
            }

            Array.Sort(times);
            Console.WriteLine($"{name}: {pages} pages, median {times[pages / 2]:F2} ms, p99 {times[(int)(pages * 0.99)]:F2} ms, max {times[^1]:F2} ms, {returned / (double)pages:F1} rows/page");
        }
    }
}
