using McpSecurity.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Events;

/// <summary>Observers hear committed events off the publish path, in order; failures and overflow never reach publishers.</summary>
public sealed class SecurityEventDispatcherTests : IAsyncDisposable
{
    private readonly AuditTestContext _audit = new();

    public async ValueTask DisposeAsync() => await _audit.DisposeAsync();

    [Fact]
    public async Task PublishAsync_ThrowingObserver_NeitherFailsThePublisherNorStopsTheNextObserver_OrderKept()
    {
        var throwing = new Observer(fail: true);
        var recording = new Observer(fail: false);
        var dispatcher = new SecurityEventDispatcher(() => [throwing, recording], NullLogger<SecurityEventDispatcher>.Instance, 100);
        var sink = new StoredSecurityEventSink(_audit.Trail, NullLogger<StoredSecurityEventSink>.Instance, dispatcher);
        using var stop = new CancellationTokenSource();
        var pump = dispatcher.RunAsync(stop.Token);

        for (var i = 0; i < 20; i++)
        {
            await sink.PublishAsync(new SecurityEvent { Type = SecurityEventTypes.LoginFailed, OccurredAt = _audit.Time.GetUtcNow(), Target = "t" + i });
        }

        await dispatcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "t" + i), recording.Seen.Select(e => e.Target));
        Assert.Equal(20, throwing.Seen.Count);
        Assert.Equal(20, _audit.Trail.GetTreeHead().TreeSize);
        await stop.CancelAsync();
        await pump;
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsTheOldestAndCountsThem()
    {
        var recording = new Observer(fail: false);
        var dispatcher = new SecurityEventDispatcher(() => [recording], NullLogger<SecurityEventDispatcher>.Instance, 3);
        for (var i = 0; i < 8; i++)
        {
            dispatcher.Enqueue(new SecurityEvent { Type = SecurityEventTypes.LoginFailed, OccurredAt = _audit.Time.GetUtcNow(), Target = "t" + i });
        }

        Assert.Equal(5, dispatcher.Dropped);
        using var stop = new CancellationTokenSource();
        var pump = dispatcher.RunAsync(stop.Token);
        await dispatcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["t5", "t6", "t7"], recording.Seen.Select(e => e.Target));
        await stop.CancelAsync();
        await pump;
    }

    private sealed class Observer(bool fail) : ISecurityEventObserver
    {
        public List<SecurityEvent> Seen { get; } = [];

        public ValueTask OnEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
        {
            Seen.Add(securityEvent);
            return fail ? throw new InvalidOperationException("observer broke") : ValueTask.CompletedTask;
        }
    }
}
