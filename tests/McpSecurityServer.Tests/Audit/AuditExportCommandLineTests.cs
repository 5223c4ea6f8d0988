using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Audit;

/// <summary><c>audit export</c>, <c>audit verify-export</c> and <c>audit retention</c> against the built server.</summary>
public sealed class AuditExportCommandLineTests
{
    [Fact]
    public async Task ExportThenVerifyExport_Ok_AndAChangedLineFailsWithExitCode5()
    {
        using var data = await PreparedDataDirectory.CreateAsync("audit-export");
        var file = System.IO.Path.Combine(data.Path, "..", $"export-{Guid.NewGuid():N}.jsonl");

        var export = await ServerProcess.RunAsync(["audit", "export", "--out", file, "--data-dir", data.Path], data.AdminEnvironment);
        var clean = await ServerProcess.RunAsync(["audit", "verify-export", "--in", file]);
        var lines = await File.ReadAllLinesAsync(file);
        lines[0] = lines[0].Replace("\"outcome\":\"", "\"outcome\":\"x", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        var changed = await ServerProcess.RunAsync(["audit", "verify-export", "--in", file]);

        Assert.True(export.ExitCode == 0, export.StandardOutput + export.StandardError);
        Assert.True(clean.ExitCode == 0, clean.StandardOutput + clean.StandardError);
        Assert.Contains("Export OK", clean.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(5, changed.ExitCode);
        Assert.Contains("AUDIT_EXPORT_INVALID at line 1", changed.StandardOutput, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public async Task Retention_NothingOldEnough_RemovesNothing_AndVerifyStaysOk()
    {
        using var data = await PreparedDataDirectory.CreateAsync("audit-retention");

        var retention = await ServerProcess.RunAsync(["audit", "retention", "--data-dir", data.Path], data.AdminEnvironment);
        var verify = await ServerProcess.RunAsync(["audit", "verify", "--data-dir", data.Path], data.AdminEnvironment);
        var badPeriod = await ServerProcess.RunAsync(["audit", "retention", "--data-dir", data.Path, "--AuditRetention:Period=00:00:01"], data.AdminEnvironment);

        Assert.True(retention.ExitCode == 0, retention.StandardOutput + retention.StandardError);
        Assert.Contains("Nothing to remove", retention.StandardOutput, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
        Assert.Equal(2, badPeriod.ExitCode);
        Assert.Contains("AuditRetention:Period", badPeriod.StandardError, StringComparison.Ordinal);
    }
}
