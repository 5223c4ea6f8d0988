using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>
/// Tells every <see cref="IIncidentNotifier"/> about incident changes off the detection path: a bounded queue read by one pump
/// (<see cref="IncidentNotificationService"/>). A notifier that throws is logged; the incident is stored already and the other
/// notifiers are still told.
/// </summary>
internal sealed partial class IncidentNotificationDispatcher(IEnumerable<IIncidentNotifier> notifiers, ILogger<IncidentNotificationDispatcher> logger)
{
    private const int Capacity = 4096;

    private readonly IIncidentNotifier[] _notifiers = [.. notifiers];
    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Queues a stored change for the notifiers; never blocks.</summary>
    public void Enqueue(IncidentChange change)
    {
        if (_notifiers.Length > 0 && !_queue.Writer.TryWrite(new Item(change, null)))
        {
            LogDropped(logger, change.Kind, change.Incident.Id);
        }
    }

    /// <summary>Completes once every change queued before the call was told to every notifier (needs the pump running).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_notifiers.Length == 0)
        {
            return Task.CompletedTask;
        }

        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Item(null, marker)) ? marker.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Reads the queue until <paramref name="stoppingToken"/> fires: the pump.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
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

                    foreach (var notifier in _notifiers)
                    {
                        try
                        {
                            await notifier.NotifyAsync(item.Change!, stoppingToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                        {
                            throw;
                        }
#pragma warning disable CA1031 // A notifier's failure must not lose or block the incident, nor the other notifiers.
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            LogNotifierFailed(logger, notifier.GetType().Name, item.Change!.Kind, item.Change.Incident.Id, ex);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    [LoggerMessage(EventId = 7321, Level = LogLevel.Error, Message = "Incident notifier {Notifier} failed on {Kind} of {IncidentId}")]
    private static partial void LogNotifierFailed(ILogger logger, string notifier, string kind, string incidentId, Exception exception);

    [LoggerMessage(EventId = 7322, Level = LogLevel.Warning, Message = "Incident notification queue full: {Kind} of {IncidentId} not told")]
    private static partial void LogDropped(ILogger logger, string kind, string incidentId);

    private readonly record struct Item(IncidentChange? Change, TaskCompletionSource? Flush);
}
