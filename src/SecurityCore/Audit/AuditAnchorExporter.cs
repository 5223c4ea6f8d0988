using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Exports each signed checkpoint as an external anchor: one JSON line appended (and flushed to disk) to
/// <see cref="AuditOptions.AnchorFilePath"/>, and a JSON POST to <see cref="AuditOptions.AnchorWebhookUrl"/>. Runs off the
/// append path (its own queue), so a slow webhook never delays an acknowledgement.
/// </summary>
/// <remarks>A failed delivery is logged (kid and tree size only) and not retried; the next checkpoint covers the same entries.</remarks>
internal sealed partial class AuditAnchorExporter : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the HTTP client of the webhook.</summary>
    public const string HttpClientName = "mcpsec-audit-anchor";

    private readonly AuditOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILogger<AuditAnchorExporter> _logger;
    private readonly Channel<(AuditCheckpoint? Checkpoint, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateUnbounded<(AuditCheckpoint?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Starts the export loop.</summary>
    public AuditAnchorExporter(IOptions<AuditOptions> options, IHttpClientFactory httpClientFactory, ILogger<AuditAnchorExporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Gets whether any anchor target is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(_options.AnchorFilePath) || !string.IsNullOrWhiteSpace(_options.AnchorWebhookUrl);

    /// <summary>Queues a checkpoint for export.</summary>
    public void Enqueue(AuditCheckpoint checkpoint)
    {
        if (Enabled)
        {
            _queue.Writer.TryWrite((checkpoint, null));
        }
    }

    /// <summary>Completes when every checkpoint queued before has been exported (or failed).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((null, flushed)))
        {
            return Task.CompletedTask;
        }

        return flushed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Exports what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A hanging webhook must not hold up shutdown; the next start's checkpoints cover the same entries.
        }
    }

    /// <summary>Synchronous disposal for containers that do not dispose asynchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task RunAsync()
    {
        await foreach (var (checkpoint, flushed) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (checkpoint is not null)
            {
                await ExportAsync(checkpoint).ConfigureAwait(false);
            }

            flushed?.TrySetResult();
        }
    }

    private async Task ExportAsync(AuditCheckpoint checkpoint)
    {
        var json = checkpoint.ToJson();
        if (!string.IsNullOrWhiteSpace(_options.AnchorFilePath))
        {
            try
            {
                var path = Path.GetFullPath(_options.AnchorFilePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                var line = Encoding.UTF8.GetBytes(json + "\n");
                await stream.WriteAsync(line).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogFileExportFailed(_logger, checkpoint.TreeSize, ex.GetType().Name);
            }
        }

        if (!string.IsNullOrWhiteSpace(_options.AnchorWebhookUrl))
        {
            try
            {
                using var cancel = new CancellationTokenSource(_options.AnchorWebhookTimeout);
                using var client = _httpClientFactory.CreateClient(HttpClientName);
                using var content = new StringContent(json, Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri(_options.AnchorWebhookUrl), content, cancel.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    LogWebhookRefused(_logger, checkpoint.TreeSize, (int)response.StatusCode);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                LogWebhookFailed(_logger, checkpoint.TreeSize, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 2510, Level = LogLevel.Warning, Message = "Audit checkpoint {TreeSize} could not be appended to the anchor file ({ErrorType})")]
    private static partial void LogFileExportFailed(ILogger logger, long treeSize, string errorType);

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Audit checkpoint {TreeSize} was refused by the anchor webhook with status {Status}")]
    private static partial void LogWebhookRefused(ILogger logger, long treeSize, int status);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Warning, Message = "Audit checkpoint {TreeSize} could not be posted to the anchor webhook ({ErrorType})")]
    private static partial void LogWebhookFailed(ILogger logger, long treeSize, string errorType);
}
