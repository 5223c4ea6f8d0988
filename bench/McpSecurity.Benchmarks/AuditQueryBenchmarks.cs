using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Benchmarks;

/// <summary>
/// One page of an audit query over 1,000,000 entries (target: p99 of a typical filtered page under 50 ms). Each call
/// takes the next of 64 precomputed filters, so pages come from all over the trail, not one cached spot.
/// </summary>
/// <remarks>
/// The store is built once (<see cref="AuditQueryStore"/>) and cached in the temp directory. Run:
/// <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *AuditQuery* --job short</c>;
/// for median and p99 over 2000 pages: <c>-- audit-query-probe</c>.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class AuditQueryBenchmarks : IDisposable
{
    private AuditQueryStore _store = null!;
    private AuditQuery[] _typeAndRange = [];
    private AuditQuery[] _actor = [];
    private AuditQuery[] _text = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = AuditQueryStore.Open();
        _typeAndRange = TypeAndRangeQueries(64, 1);
        _actor = [.. Enumerable.Range(0, 64).Select(i => new AuditQuery { Actor = AuditQueryStore.SubjectOf(i * 31 + 5), Limit = 50 })];
        _text = [.. Enumerable.Range(0, 64).Select(i => new AuditQuery { Type = SecurityEventTypes.AccessDenied, Text = "agent-" + (i % 40), Limit = 50 })];
    }

    /// <summary>Type + a 7-day window, 50 rows: the typical filtered page.</summary>
    [Benchmark(Baseline = true)]
    public Task<AuditQueryPage> TypeAndTimeRange50() => _store.Query.QueryAsync(_typeAndRange[_next++ & 63], AuditQueryStore.Reader);

    /// <summary>One actor, 50 rows.</summary>
    [Benchmark]
    public Task<AuditQueryPage> Actor50() => _store.Query.QueryAsync(_actor[_next++ & 63], AuditQueryStore.Reader);

    /// <summary>Type + free text (details decrypted and searched), 50 rows.</summary>
    [Benchmark]
    public Task<AuditQueryPage> TypeAndText50() => _store.Query.QueryAsync(_text[_next++ & 63], AuditQueryStore.Reader);

    [GlobalCleanup]
    public void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Type + 7-day windows spread over the trail's year, types from common (30 %) to rare (0.9 %).</summary>
    internal static AuditQuery[] TypeAndRangeQueries(int count, int seed)
    {
        var random = new Random(seed);
        string[] types = [SecurityEventTypes.TokenIssued, SecurityEventTypes.LoginFailed, SecurityEventTypes.AccessDenied, SecurityEventTypes.TwoFactorFailed];
        var span = AuditQueryStore.Spacing * AuditQueryStore.Entries;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var from = AuditQueryStore.Start + TimeSpan.FromDays(random.NextDouble() * (span.TotalDays - 7));
            return new AuditQuery { Type = types[i % types.Length], From = from, To = from + TimeSpan.FromDays(7), Limit = 50 };
        })];
    }
}
