using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Runs the built server (<c>dotnet McpSecurityServer.dll ...</c>) as a separate process and captures its output.</summary>
/// <remarks>The dll is the one copied into this test project's output by the project reference.</remarks>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the path of the built server.</summary>
    public static string ServerDll { get; } = Path.Combine(AppContext.BaseDirectory, "McpSecurityServer.dll");

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets everything written to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Gets everything written to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Creates the start info: <c>dotnet &lt;dll&gt; args</c>, without inherited MCPSEC settings.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MCPSEC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        // Fixtures log the admin in with a password alone (see ServerFactory); a test may switch it back on.
        info.Environment["MCPSEC__TwoFactor__Enforce"] = "false";
        foreach (var policy in ServerFactory.GenerousRateLimitPolicies)
        {
            info.Environment[$"MCPSEC__RateLimiting__Policies__{policy}__Limit"] = "100000";
            info.Environment[$"MCPSEC__RateLimiting__Policies__{policy}__Burst"] = "100000";
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Runs a verb to completion.</summary>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null, TimeSpan? timeout = null)
    {
        await using var process = Start(arguments, environment);
        if (standardInput is not null)
        {
            await process._process.StandardInput.WriteAsync(standardInput);
        }

        process._process.StandardInput.Close();
        var exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return new ProcessResult(exitCode, process.StandardOutput, process.StandardError);
    }

    /// <summary>Starts the server with output captured.</summary>
    public static ServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = new Process { StartInfo = StartInfo(arguments, environment), EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => Append(server._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(server._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Writes one line to the server's stdin.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Closes the server's stdin (the end of an MCP stdio session).</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until stdout holds a line matching <paramref name="predicate"/>.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (StandardOutput.Split('\n').Any(predicate))
            {
                return;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Expected output did not appear.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
    }

    /// <summary>Picks a free loopback port (outside the ephemeral range, never the same twice).</summary>
    public static int FreePort() => LoopbackPorts.Next();

    /// <summary>Waits until a server not started by this type answers 200 on <c>/readyz</c>.</summary>
    public static async Task WaitUntilListeningAsync(Uri baseAddress, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Nothing answered 200 on {baseAddress}readyz.");
    }

    /// <summary>Waits until <c>/readyz</c> answers 200, failing with the captured output otherwise.</summary>
    public async Task WaitUntilReadyAsync(Uri baseAddress, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The server exited with {_process.ExitCode}.\nstderr:\n{StandardError}");
            }

            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The server did not become ready.\nstderr:\n{StandardError}");
    }

    /// <summary>Waits for the process to exit; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"The server did not exit within {timeout}.\nstderr:\n{StandardError}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return _process.ExitCode;
    }

    /// <summary>Asks the server to shut down (SIGTERM) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server with SIGKILL (no shutdown code runs, as in a power cut of the process) and waits for it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
