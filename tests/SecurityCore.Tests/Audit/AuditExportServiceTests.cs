using System.Text;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditExportServiceTests : IAsyncDisposable
{
    private readonly AuditQueryTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private async Task<string> ExportAsync(AuditExportRequest? request = null)
    {
        for (var i = 1; i <= 25; i++)
        {
            await _context.AppendAsync(AuditTestContext.Event(i));
        }

        using var output = new MemoryStream();
        await _context.Export.ExportAsync(output, request ?? new AuditExportRequest(), AuditQueryTestContext.Reader);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static AuditExportVerification Verify(string text, IEnumerable<AuditPublicKey>? keys = null) =>
        AuditExportFormat.Verify(new MemoryStream(Encoding.UTF8.GetBytes(text)), keys);

    [Fact]
    public async Task ExportAsync_WholeTrail_VerifiesOffline_AndIsAudited()
    {
        var text = await ExportAsync();

        var result = Verify(text, _context.Audit.Signer.GetPublicKeys());

        Assert.True(result.Ok, result.Message);
        Assert.Equal(25, result.Entries);
        Assert.Equal(25, result.TreeSize);
        Assert.Equal(26, text.TrimEnd('\n').Split('\n').Length);
        var exported = Assert.Single(_context.Audit.Trail.GetRecent(10, SecurityEventTypes.AuditExported));
        Assert.Equal("25", exported.Details["count"]);
    }

    [Fact]
    public async Task ExportAsync_TimeRange_ExportsThatRunAndVerifies()
    {
        var text = await ExportAsync(new AuditExportRequest { From = AuditTestContext.Start.AddSeconds(5), To = AuditTestContext.Start.AddSeconds(12) });

        var result = Verify(text);
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.True(result.Ok, result.Message);
        Assert.Equal(7, result.Entries);
        Assert.Contains("\"seq\":5,", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"seq\":11,", lines[6], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(24)]
    public async Task Verify_ChangedLine_Fails(int line)
    {
        var lines = (await ExportAsync()).TrimEnd('\n').Split('\n');
        lines[line] = lines[line].Replace("\"n\":\"", "\"n\":\"9", StringComparison.Ordinal);

        var result = Verify(string.Join('\n', lines));

        Assert.False(result.Ok);
        Assert.Equal(SecurityErrorCodes.AuditExportInvalid, result.Code);
        Assert.Equal(line + 1, result.Line);
    }

    [Fact]
    public async Task Verify_RemovedOrSwappedLinesOrForeignKey_Fail()
    {
        var lines = (await ExportAsync()).TrimEnd('\n').Split('\n').ToList();
        var removed = lines.Where((_, i) => i != 3).ToList();
        var swapped = lines.ToList();
        (swapped[3], swapped[4]) = (swapped[4], swapped[3]);
        await using var foreign = new AuditQueryTestContext();
        await foreign.AppendAsync(AuditTestContext.Event(1));

        Assert.False(Verify(string.Join('\n', removed)).Ok);
        Assert.False(Verify(string.Join('\n', swapped)).Ok);
        Assert.False(Verify(string.Join('\n', lines), foreign.Audit.Signer.GetPublicKeys()).Ok);
    }

    [Fact]
    public async Task ExportAsync_MoreThanMax_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<SecurityException>(() => ExportAsync(new AuditExportRequest { MaxEntries = 10 }));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
    }
}
