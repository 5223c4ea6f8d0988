using System.Diagnostics;
using System.Globalization;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Checks per second from one process: <c>callers</c> concurrent loops (their commands pipeline on the one multiplexed
/// connection) for a fixed time, rate-limit checks and bare PINGs measured alike, three rounds each, medians printed.
/// </summary>
internal static class RedisThroughput
{
    public static void Run(int callers, TimeSpan duration)
    {
        using var server = new BenchRedisServer();
        using var setup = new RedisRateLimitSetup(server.Configuration, 1024);
        Measure(setup, callers, TimeSpan.FromSeconds(1), ping: false);
        var checks = new List<double>();
        var pings = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            checks.Add(Measure(setup, callers, duration, ping: false));
            pings.Add(Measure(setup, callers, duration, ping: true));
        }

        var check = checks.Order().ElementAt(1);
        var ping = pings.Order().ElementAt(1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"callers={callers} duration={duration.TotalSeconds}s rounds=3"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checks/s: median {check:F0} (rounds {string.Join(", ", checks.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PINGs/s:  median {ping:F0} (rounds {string.Join(", ", pings.Select(c => c.ToString("F0", CultureInfo.InvariantCulture)))})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checks/PINGs: {check / ping:F2}"));
    }

    private static double Measure(RedisRateLimitSetup setup, int callers, TimeSpan duration, bool ping)
    {
        long total = 0;
        var stop = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long count = 0;
            var index = caller * 16;
            while (stop.Elapsed < duration)
            {
                if (ping)
                {
                    await setup.Database.PingAsync().ConfigureAwait(false);
                }
                else
                {
                    await setup.CheckAsync(index++).ConfigureAwait(false);
                }

                count++;
            }

            Interlocked.Add(ref total, count);
        })).ToArray();
        Task.WaitAll(loops);
        return total / stop.Elapsed.TotalSeconds;
    }
}
