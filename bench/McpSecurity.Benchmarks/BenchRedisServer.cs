using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace McpSecurity.Benchmarks;

/// <summary>A redis-server of the benchmark's own on a free loopback port (or the one in <c>MCPSEC_BENCH_REDIS</c>).</summary>
internal sealed class BenchRedisServer : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcpsec-bench-redis-").FullName;
    private readonly bool _owned;

    public BenchRedisServer()
    {
        if (Environment.GetEnvironmentVariable("MCPSEC_BENCH_REDIS") is { Length: > 0 } external)
        {
            Configuration = external;
            return;
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--daemonize", "yes", "--pidfile", PidFile, "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log") })
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            process.WaitForExit();
        }

        Configuration = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _owned = true;
        SpinWait.SpinUntil(() =>
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15));
    }

    public string Configuration { get; }

    private string PidFile => Path.Combine(_directory, "redis.pid");

    public void Dispose()
    {
        if (_owned && File.Exists(PidFile))
        {
            using var process = Process.GetProcessById(int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture));
            process.Kill();
            process.WaitForExit(10_000);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
