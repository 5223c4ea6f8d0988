using System.Diagnostics;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>Runs <c>promtool</c> (Debian package <c>prometheus</c>, which the test command installs) on the deploy files and scrapes.</summary>
internal static class Promtool
{
    /// <summary>Gets the folder the deploy files are copied to next to the tests.</summary>
    public static string DeployDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "deploy");

    /// <summary>Runs promtool with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, feeding <paramref name="input"/> to stdin.</summary>
    public static async Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, string? input = null)
    {
        var start = new ProcessStartInfo("promtool")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? DeployDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
