using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.Alerting;

/// <summary>
/// A local stand-in for the PagerDuty Events API v2 on 127.0.0.1 (a free port): <c>POST /v2/enqueue</c> checks the event
/// like PagerDuty does and answers 202 <c>{"status":"success","message":"Event processed","dedup_key":...}</c>, or 400
/// <c>{"status":"invalid event",...}</c>; scripted statuses (for example a 429) can be answered first.
/// </summary>
public sealed class PagerDutyStandIn : IAsyncDisposable
{
    private static readonly string[] Actions = ["trigger", "acknowledge", "resolve"];
    private static readonly string[] Severities = ["critical", "error", "warning", "info"];

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<(int Status, int? RetryAfterSeconds)> _script = new();
    private readonly SemaphoreSlim _received = new(0);
    private readonly ConcurrentQueue<JsonElement> _accepted = new();

    public PagerDutyStandIn()
    {
        (_listener, var baseUrl) = LoopbackHttpListener.Start();
        Url = baseUrl + "/v2/enqueue";

        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Gets the enqueue URL.</summary>
    public string Url { get; }

    /// <summary>Gets every request body received, in order (accepted or not).</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>Gets the accepted events (202), parsed, in order.</summary>
    public IReadOnlyList<JsonElement> Accepted => [.. _accepted];

    /// <summary>Answers the next request with <paramref name="status"/> (and a <c>Retry-After</c>) instead of processing it.</summary>
    public void AnswerNext(int status, int? retryAfterSeconds = null) => _script.Enqueue((status, retryAfterSeconds));

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived (or 10 seconds pass).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_bodies.Count < count)
        {
            await _received.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _received.Dispose();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = await reader.ReadToEndAsync();
                }

                var (status, answer) = Answer(context.Request, body, context.Response);
                _bodies.Enqueue(body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(answer);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
            {
                // Stopped while answering.
                return;
            }

            _received.Release();
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request, string body, HttpListenerResponse response)
    {
        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfterSeconds is { } seconds)
            {
                response.AddHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return (scripted.Status, scripted.Status == 429
                ? "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly.\"}"
                : "{\"status\":\"error\",\"message\":\"Internal error\"}");
        }

        if (request.HttpMethod != "POST" || request.Url?.AbsolutePath != "/v2/enqueue")
        {
            return (404, "{}");
        }

        var errors = Check(body, out var parsed, out var dedupKey);
        if (errors.Count > 0)
        {
            return (400, JsonSerializer.Serialize(new { status = "invalid event", message = "Event object is invalid", errors }));
        }

        _accepted.Enqueue(parsed);
        return (202, JsonSerializer.Serialize(new { status = "success", message = "Event processed", dedup_key = dedupKey }));
    }

    private static List<string> Check(string body, out JsonElement parsed, out string? dedupKey)
    {
        var errors = new List<string>();
        parsed = default;
        dedupKey = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors.Add("Event is not valid JSON");
            return errors;
        }

        if (parsed.ValueKind != JsonValueKind.Object)
        {
            errors.Add("Event must be an object");
            return errors;
        }

        if (!parsed.TryGetProperty("routing_key", out var key) || key.ValueKind != JsonValueKind.String || key.GetString()!.Length != 32)
        {
            errors.Add("'routing_key' is invalid (must be 32 characters)");
        }

        var action = parsed.TryGetProperty("event_action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        if (action is null || !Actions.Contains(action))
        {
            errors.Add("'event_action' is missing or invalid");
        }

        dedupKey = parsed.TryGetProperty("dedup_key", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (dedupKey is { Length: > 255 } || (action is "acknowledge" or "resolve" && string.IsNullOrEmpty(dedupKey)))
        {
            errors.Add("'dedup_key' is missing or too long");
        }

        if (action == "trigger")
        {
            if (!parsed.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                errors.Add("'payload' is missing");
                return errors;
            }

            foreach (var field in new[] { "summary", "source", "severity" })
            {
                if (!payload.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
                {
                    errors.Add($"'payload.{field}' is missing or blank");
                }
            }

            if (payload.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String && summary.GetString()!.Length > 1024)
            {
                errors.Add("'payload.summary' is too long");
            }

            if (payload.TryGetProperty("severity", out var severity) && severity.ValueKind == JsonValueKind.String && !Severities.Contains(severity.GetString()))
            {
                errors.Add("'payload.severity' is invalid");
            }

            if (payload.TryGetProperty("timestamp", out var timestamp) && !DateTimeOffset.TryParse(timestamp.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add("'payload.timestamp' is invalid");
            }
        }

        return errors;
    }
}
