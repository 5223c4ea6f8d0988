using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// Hands committed events to every <see cref="ISecurityEventObserver"/> off the publisher's path: a bounded queue, read in
/// publish order by one pump (<see cref="SecurityEventDispatchService"/>). When the queue is full the oldest event is dropped
/// and counted; an observer that throws is logged and the next one still hears the event.
/// </summary>
internal sealed partial class SecurityEventDispatcher
{
    /// <summary>The default queue capacity.</summary>
    public const int DefaultCapacity = 16_384;

    private readonly Func<IEnumerable<ISecurityEventObserver>> _resolve;
    private readonly Channel<Item> _queue;
    private ISecurityEventObserver[]? _observers;
    private readonly ILogger<SecurityEventDispatcher> _logger;
    private long _dropped;

    /// <summary>Creates the dispatcher; the observers are resolved when the pump starts (they publish events themselves, through the sink that feeds this).</summary>
    public SecurityEventDispatcher(IServiceProvider services, ILogger<SecurityEventDispatcher> logger)
        : this(() => (IEnumerable<ISecurityEventObserver>?)services.GetService(typeof(IEnumerable<ISecurityEventObserver>)) ?? [], logger, DefaultCapacity)
    {
    }

    public SecurityEventDispatcher(Func<IEnumerable<ISecurityEventObserver>> observers, ILogger<SecurityEventDispatcher> logger, int capacity)
    {
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _resolve = observers;
        _logger = logger;
        _queue = Channel.CreateBounded<Item>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            OnDropped);
    }

    /// <summary>Gets how many events were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a committed event for the observers; never blocks.</summary>
    public void Enqueue(SecurityEvent securityEvent)
    {
        // Once the pump knows there is nobody to hear, nothing is queued.
        if (_observers is not { Length: 0 })
        {
            _queue.Writer.TryWrite(new Item(securityEvent, null));
        }
    }

    /// <summary>Completes once every event queued before the call has been handed to every observer (needs the pump running).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_observers is { Length: 0 })
        {
            return Task.CompletedTask;
        }

        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Item(null, marker)))
        {
            return Task.CompletedTask;
        }

        return marker.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Reads the queue until <paramref name="stoppingToken"/> fires: the pump.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var observers = _observers ??= [.. _resolve()];
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    if (item.Flush is { } flush)
                    {
                        flush.TrySetResult();
                        continue;
                    }

                    await DispatchAsync(observers, item.Event!, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task DispatchAsync(ISecurityEventObserver[] observers, SecurityEvent securityEvent, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnEventAsync(securityEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // An observer's failure is logged; it must not stop the pump or the other observers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogObserverFailed(_logger, observer.GetType().Name, securityEvent.Type, securityEvent.Id, ex);
            }
        }
    }

    private void OnDropped(Item item)
    {
        if (item.Flush is { } flush)
        {
            flush.TrySetResult();
            return;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        // The first drop and then one line per thousand: an overflow must be visible without flooding the log.
        if (dropped == 1 || dropped % 1000 == 0)
        {
            LogDropped(_logger, dropped);
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Error, Message = "Security event observer {Observer} failed on {EventType} id={SecurityEventId}")]
    private static partial void LogObserverFailed(ILogger logger, string observer, string eventType, string securityEventId, Exception exception);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Security event observer queue full: oldest events dropped, {Dropped} so far (attack detection did not see them)")]
    private static partial void LogDropped(ILogger logger, long dropped);

    private readonly record struct Item(SecurityEvent? Event, TaskCompletionSource? Flush);
}
