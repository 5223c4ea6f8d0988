using System.Text.Json;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutboxSmsSenderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DataDirectoryLock _lock;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public OutboxSmsSenderTests()
    {
        _lock = DataDirectoryLock.Acquire(_temp.PathOf("data"));
        _loggerFactory = _logs.CreateFactory();
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _lock.Dispose();
        _temp.Dispose();
    }

    private OutboxSmsSender Sender() => new(_lock, _time, _loggerFactory.CreateLogger<OutboxSmsSender>());

    [Fact]
    public async Task SendAsync_TwoMessages_AppendsOneJsonLineEachToTheOutboxInTheDataDirectory()
    {
        var sender = Sender();

        var first = await sender.SendAsync(new SmsMessage("+447700900123", "code 111111"));
        _time.Advance(TimeSpan.FromSeconds(5));
        await sender.SendAsync(new SmsMessage("+15005550006", "code 222222"));

        Assert.Equal(Path.Combine(_lock.DirectoryPath, "sms-outbox.jsonl"), sender.FilePath);
        var lines = await File.ReadAllLinesAsync(sender.FilePath);
        Assert.Equal(2, lines.Length);
        using var line = JsonDocument.Parse(lines[0]);
        Assert.Equal(first.MessageId, line.RootElement.GetProperty("id").GetString());
        Assert.Equal("+447700900123", line.RootElement.GetProperty("to").GetString());
        Assert.Equal("code 111111", line.RootElement.GetProperty("body").GetString());
        Assert.Equal(_time.Start, line.RootElement.GetProperty("sent_at").GetDateTimeOffset());
        Assert.Equal("code 222222", JsonDocument.Parse(lines[1]).RootElement.GetProperty("body").GetString());
        Assert.Equal(SmsProviders.Outbox, first.Provider);
    }

    [Fact]
    public async Task SendAsync_NewOutbox_IsCreatedWithMode0600()
    {
        var sender = Sender();

        await sender.SendAsync(new SmsMessage("+447700900123", "code 333333"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(sender.FilePath));
    }

    [Fact]
    public async Task SendAsync_Always_WarnsOnceThatItIsTheDevelopmentOutboxWithoutLoggingTheMessage()
    {
        var sender = Sender();

        await sender.SendAsync(new SmsMessage("+447700900123", "code 444444"));
        await sender.SendAsync(new SmsMessage("+447700900123", "code 555555"));

        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("sms-outbox.jsonl", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("444444", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("+447700900123", _logs.AllText, StringComparison.Ordinal);
    }
}
