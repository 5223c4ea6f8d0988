using System.Diagnostics;
using System.Globalization;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Paired, interleaved timing for a machine shared with other work: each round times a block of both contenders back
/// to back (order alternating), so a burst of outside load hits both alike; the ratio is the median of the per-round
/// ratios. Only two contenders run together, so neither pays for the other's garbage collections. Complements the
/// BenchmarkDotNet table, whose rows run minutes apart. Run with <c>-- paired</c>.
/// </summary>
internal static class PairedComparison
{
    private const int Rounds = 301;

    public static void Run()
    {
        var b = new TokenBenchmarks();
        b.Setup();
        try
        {
            Console.WriteLine("| Row | Against | Median ratio | Row median (us) | Against median (us) |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            Compare(("ours: issue ES256", 32, () => b.IssueEs256()), ("peer: issue ES256", 32, () => b.PeerIssueEs256()));
            Compare(("ours: issue ES256", 32, () => b.IssueEs256()), ("floor: ECDsa.SignData", 32, () => b.BareSign()));
            Compare(("ours: issue ES256 via JWT.EncodeBytes", 32, () => b.IssueEs256JoseEncode()), ("peer: issue ES256", 32, () => b.PeerIssueEs256()));
            Compare(("ours: validate ES256 uncached", 16, () => b.ValidateEs256Uncached()), ("peer: validate ES256", 16, () => b.PeerValidateEs256().GetAwaiter().GetResult()));
            Compare(("ours: validate ES256 uncached", 16, () => b.ValidateEs256Uncached()), ("floor: ECDsa.VerifyData", 16, () => b.BareVerify()));
            Compare(("ours: validate ES256 cached", 1000, () => b.ValidateEs256Cached()), ("peer: validate ES256", 16, () => b.PeerValidateEs256().GetAwaiter().GetResult()));
            Compare(("ours: issue HS256", 400, () => b.IssueHs256()), ("peer: issue HS256", 400, () => b.PeerIssueHs256()));
            Compare(("ours: issue HS256 via JWT.EncodeBytes", 400, () => b.IssueHs256JoseEncode()), ("peer: issue HS256", 400, () => b.PeerIssueHs256()));
            Compare(("ours: validate HS256 uncached", 400, () => b.ValidateHs256Uncached()), ("peer: validate HS256", 400, () => b.PeerValidateHs256().GetAwaiter().GetResult()));
            Compare(("ours: validate HS256 cached", 1000, () => b.ValidateHs256Cached()), ("peer: validate HS256", 400, () => b.PeerValidateHs256().GetAwaiter().GetResult()));
        }
        finally
        {
            b.Cleanup();
        }
    }

    private static void Compare((string Name, int Block, Func<object> Action) row, (string Name, int Block, Func<object> Action) against)
    {
        var contenders = new[] { row, against };
        foreach (var (_, block, action) in contenders)
        {
            for (var i = 0; i < block * 20; i++)
            {
                action();
            }
        }

        var perOp = new[] { new double[Rounds], new double[Rounds] };
        for (var round = 0; round < Rounds; round++)
        {
            for (var k = 0; k < 2; k++)
            {
                var c = (k + round) % 2;
                var (_, block, action) = contenders[c];
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < block; i++)
                {
                    action();
                }

                perOp[c][round] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / block;
            }
        }

        var ratio = Median(perOp[0].Zip(perOp[1], (x, y) => x / y).ToArray());
        Console.WriteLine($"| {row.Name} | {against.Name} | {Format(ratio)} | {Format(Median(perOp[0]))} | {Format(Median(perOp[1]))} |");
    }

    private static string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
