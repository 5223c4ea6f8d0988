using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using McpSecurity.SecurityCore.Incidents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Alerting;

/// <summary>
/// Tells PagerDuty about incidents through the Events API v2: opened (and updated, at most once per
/// <see cref="PagerDutyOptions.UpdateInterval"/>) as <c>trigger</c>, then <c>acknowledge</c> and <c>resolve</c>, with the
/// incident id as <c>dedup_key</c>. <see cref="NotifyAsync"/> only queues; one worker sends in order and retries 429, 5xx and
/// network failures with doubling back-off, so a slow or failing PagerDuty never blocks or fails an incident.
/// </summary>
/// <remarks>The routing key is never logged. Events carry ids, types, counts and figures: no token, secret or patient data.</remarks>
internal sealed partial class PagerDutyIncidentNotifier : IIncidentNotifier, IAsyncDisposable, IDisposable
{
    /// <summary>The name of the HTTP client.</summary>
    public const string HttpClientName = "McpSecurity.PagerDuty";

    private const int MaxSummaryLength = 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly PagerDutyOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<PagerDutyIncidentNotifier> _logger;
    private readonly Channel<(PagerDutyEvent? Event, TaskCompletionSource? Flushed)> _queue;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastTrigger = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <summary>Starts the delivery worker.</summary>
    public PagerDutyIncidentNotifier(IOptions<PagerDutyOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<PagerDutyIncidentNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<(PagerDutyEvent?, TaskCompletionSource?)>(
            new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = _options.Enabled ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    /// <summary>Gets or sets a hook called when a retry is scheduled, with the attempt that failed and the wait (the wait's timer exists by then).</summary>
    internal Action<int, TimeSpan>? RetryScheduled { get; set; }

    /// <inheritdoc />
    public Task NotifyAsync(IncidentChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!_options.Enabled || PagerDutySeverity.Rank(change.Incident.Severity) < PagerDutySeverity.Rank(_options.MinimumSeverity))
        {
            return Task.CompletedTask;
        }

        var pagerDutyEvent = ToEvent(change);
        if (pagerDutyEvent is not null && !_queue.Writer.TryWrite((pagerDutyEvent, null)))
        {
            LogDropped(_logger, change.Incident.Id, pagerDutyEvent.EventAction);
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when every event queued before has been delivered or given up.</summary>
    internal Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _options.Enabled && _queue.Writer.TryWrite((null, flushed)) ? flushed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Sends what is queued without waiting for more retries, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(_options.Timeout * 2).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A hanging PagerDuty must not hold up shutdown.
        }

        _stopping.Dispose();
    }

    /// <summary>Synchronous disposal for containers that do not dispose asynchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Builds the event of a change, or null when an update comes too soon after the last trigger.</summary>
    internal PagerDutyEvent? ToEvent(IncidentChange change)
    {
        var incident = change.Incident;
        var routingKey = _options.RoutingKey ?? "";
        switch (change.Kind)
        {
            case IncidentChangeKinds.Acknowledged:
                return new PagerDutyEvent(routingKey, "acknowledge", incident.Id, null, null);
            case IncidentChangeKinds.Resolved:
                _lastTrigger.TryRemove(incident.Id, out _);
                return new PagerDutyEvent(routingKey, "resolve", incident.Id, null, null);
        }

        var now = _time.GetUtcNow();
        if (change.Kind == IncidentChangeKinds.Updated
            && _lastTrigger.TryGetValue(incident.Id, out var last) && now - last < _options.UpdateInterval)
        {
            return null;
        }

        // Bounded: an incident that is never resolved is forgotten once the map is as large as the queue allows.
        if (_lastTrigger.Count >= 10_000)
        {
            _lastTrigger.Clear();
        }

        _lastTrigger[incident.Id] = now;
        return new PagerDutyEvent(routingKey, "trigger", incident.Id, Payload(incident, change.Kind), "MCP Security Server");
    }

    private PagerDutyPayload Payload(Incident incident, string kind)
    {
        var summary = $"{incident.Title} ({incident.SourceKey}): {incident.EventCount.ToString(CultureInfo.InvariantCulture)} events";
        var details = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["incident_id"] = incident.Id,
            ["change"] = kind,
            ["type"] = incident.Type,
            ["severity"] = incident.Severity,
            ["status"] = incident.Status,
            ["source_key"] = incident.SourceKey,
            ["first_seen"] = Timestamp(incident.FirstSeen),
            ["last_seen"] = Timestamp(incident.LastSeen),
            ["event_count"] = incident.EventCount,
            ["figures"] = incident.Figures,
            ["responses"] = incident.Responses.Select(r => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["kind"] = r.Kind,
                ["target"] = r.Target,
                ["outcome"] = r.Outcome,
                ["expires_at"] = r.ExpiresAt is { } expires ? Timestamp(expires) : null,
            }).ToArray(),
        };
        return new PagerDutyPayload(
            summary.Length <= MaxSummaryLength ? summary : summary[..MaxSummaryLength],
            _options.Source,
            PagerDutySeverity.ToEventSeverity(incident.Severity),
            Timestamp(incident.LastSeen),
            incident.Component ?? "mcp-security-server",
            _options.Group,
            incident.Type,
            details);
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private async Task RunAsync()
    {
        await foreach (var (pagerDutyEvent, flushed) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (pagerDutyEvent is not null)
            {
                await DeliverAsync(pagerDutyEvent).ConfigureAwait(false);
            }

            flushed?.TrySetResult();
        }
    }

    private async Task DeliverAsync(PagerDutyEvent pagerDutyEvent)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (delivered, retryable, retryAfter) = await SendOnceAsync(pagerDutyEvent).ConfigureAwait(false);
            if (delivered)
            {
                return;
            }

            if (!retryable || attempt >= _options.MaxAttempts || _stopping.IsCancellationRequested)
            {
                LogGaveUp(_logger, pagerDutyEvent.DedupKey, pagerDutyEvent.EventAction, attempt);
                return;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks * (1L << Math.Min(attempt - 1, 30))));
            if (retryAfter is { } asked && asked > backoff)
            {
                backoff = asked < _options.MaxBackoff ? asked : _options.MaxBackoff;
            }

            var wait = Task.Delay(backoff, _time, _stopping.Token);
            RetryScheduled?.Invoke(attempt, backoff);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogGaveUp(_logger, pagerDutyEvent.DedupKey, pagerDutyEvent.EventAction, attempt);
                return;
            }
        }
    }

    private async Task<(bool Delivered, bool Retryable, TimeSpan? RetryAfter)> SendOnceAsync(PagerDutyEvent pagerDutyEvent)
    {
        try
        {
            using var client = _httpClientFactory.CreateClient(HttpClientName);
            using var cancel = new CancellationTokenSource(_options.Timeout);
            using var response = await client.PostAsJsonAsync(new Uri(_options.Url), pagerDutyEvent, Json, cancel.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(_logger, pagerDutyEvent.DedupKey, pagerDutyEvent.EventAction, status);
                return (true, false, null);
            }

            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            LogRefused(_logger, pagerDutyEvent.DedupKey, pagerDutyEvent.EventAction, status);
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null)
                : null;
            return (false, retryable, retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            LogFailed(_logger, pagerDutyEvent.DedupKey, pagerDutyEvent.EventAction, ex.GetType().Name);
            return (false, true, null);
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "PagerDuty accepted {Action} of incident {IncidentId} ({Status})")]
    private static partial void LogDelivered(ILogger logger, string incidentId, string action, int status);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "PagerDuty refused {Action} of incident {IncidentId} with status {Status}")]
    private static partial void LogRefused(ILogger logger, string incidentId, string action, int status);

    [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "PagerDuty could not be reached for {Action} of incident {IncidentId} ({ErrorType})")]
    private static partial void LogFailed(ILogger logger, string incidentId, string action, string errorType);

    [LoggerMessage(EventId = 7404, Level = LogLevel.Error, Message = "PagerDuty {Action} of incident {IncidentId} given up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string incidentId, string action, int attempts);

    [LoggerMessage(EventId = 7405, Level = LogLevel.Error, Message = "PagerDuty queue full: {Action} of incident {IncidentId} dropped")]
    private static partial void LogDropped(ILogger logger, string incidentId, string action);
}
