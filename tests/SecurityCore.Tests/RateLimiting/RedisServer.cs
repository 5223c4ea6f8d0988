using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>A real redis-server on a free loopback port, started and stopped by the tests (the test command installs it).</summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mcpsec-redis-").FullName;
    private readonly string[] _extraArguments;

    public RedisServer()
        : this([])
    {
    }

    /// <summary>Starts a server with more command-line settings (for example <c>--cluster-enabled yes</c>).</summary>
    /// <remarks>Not public: xUnit builds the collection fixture through its one public constructor.</remarks>
    internal RedisServer(string[] extraArguments)
    {
        _extraArguments = extraArguments;
        // A port free a moment ago can still be taken before the server binds it (another program): try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPorts.Next();
            try
            {
                Start();
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                Stop();
            }
        }
    }

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    private string PidFile => Path.Combine(_directory, "redis.pid");

    private string LogFile => Path.Combine(_directory, "redis.log");

    private string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;

    /// <summary>Starts the server (again) on the same port and returns once it accepts connections.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--daemonize", "yes", "--pidfile", PidFile, "--dir", _directory, "--logfile", LogFile }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is the redis-server package installed?)."))
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}: {ReadLog()}");
            }
        }

        // (Output is not redirected: the daemon would hold the pipe open and WaitForExit would wait for it.)
        // The daemon forks before it listens, and listens before it writes its pid file (Redis 7.0): wait (bounded) for
        // both, or a Stop right after this Start would find no pid file and leave the server running.
        if (!SpinWait.SpinUntil(() => CanConnect() && ReadPid() is not null, TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"redis-server did not listen on port {Port} and write its pid file within 15 s: {ReadLog()}");
        }
    }

    /// <summary>Stops the server (like a crash: no save) and returns once the process is gone.</summary>
    public void Stop()
    {
        if (ReadPid() is not { } pid)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(15_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        File.Delete(PidFile);
        if (!SpinWait.SpinUntil(() => !CanConnect(), TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"redis-server on port {Port} still answers 15 s after it was stopped.");
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private int? ReadPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private bool CanConnect()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
