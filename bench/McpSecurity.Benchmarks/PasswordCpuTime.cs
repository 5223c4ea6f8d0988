using System.Diagnostics;
using System.Globalization;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Wall time and CPU time per operation of the password rows, for a machine shared with other work: when the cores are
/// oversubscribed the wall time includes waiting for a core, the process CPU time does not. Each row runs 3 warm-up
/// and 21 measured operations one at a time; the medians are reported. Run with <c>-- password-cpu</c>.
/// </summary>
internal static class PasswordCpuTime
{
    private const int Warmup = 3;
    private const int Samples = 21;

    public static void Run()
    {
        var b = new PasswordLoginBenchmarks();
        b.Setup();
        try
        {
            Console.WriteLine("| Row | Median wall (ms) | Median CPU (ms) |");
            Console.WriteLine("|---|---:|---:|");
            Measure("Argon2id hash (m=19 MiB, t=2, p=1)", () => b.Hash());
            Measure("Argon2id verify (m=19 MiB, t=2, p=1)", () => b.Verify());
            Measure("Password login end to end (LiteDB)", () => b.Login().GetAwaiter().GetResult());
            Measure("Password login, unknown user (dummy verify)", () => b.LoginUnknownUser().GetAwaiter().GetResult());
        }
        finally
        {
            b.Dispose();
        }
    }

    private static void Measure(string name, Action operation)
    {
        for (var i = 0; i < Warmup; i++)
        {
            operation();
        }

        var process = Process.GetCurrentProcess();
        var wall = new double[Samples];
        var cpu = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            operation();
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(wall):F1} | {Median(cpu):F1} |"));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
