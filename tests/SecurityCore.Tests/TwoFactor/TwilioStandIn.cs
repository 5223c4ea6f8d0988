using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

/// <summary>
/// A local stand-in for Twilio's Messages API on 127.0.0.1 and a free port (HttpListener, no ASP.NET): it records each
/// request and answers like Twilio, 201 with a queued message when the path and basic auth are right, 401 otherwise,
/// or the error set in <see cref="Error"/>.
/// </summary>
internal sealed class TwilioStandIn : IDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "stand-in-auth-token-9f8e7d6c5b4a";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;

    public TwilioStandIn()
    {
        Port = LoopbackPorts.Next();
        BaseUrl = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Gets or sets an error answer (HTTP status and JSON body) to give instead of accepting.</summary>
    public (int Status, string Json)? Error { get; set; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                context.Request.ContentType, HttpUtility.ParseQueryString(body));
            _requests.Enqueue(request);

            var (status, json) = Answer(request);
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Json) Answer(RecordedRequest request)
    {
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (request.Method != "POST" || request.Path != $"/2010-04-01/Accounts/{AccountSid}/Messages.json")
        {
            return (404, """{"code":20404,"message":"The requested resource was not found","status":404}""");
        }

        if (request.Authorization != expectedAuth)
        {
            return (401, """{"code":20003,"message":"Authenticate","status":401}""");
        }

        if (Error is { } error)
        {
            return error;
        }

        var sid = "SM" + Guid.NewGuid().ToString("N");
        return (201, $$"""
            {"account_sid":"{{AccountSid}}","api_version":"2010-04-01","body":"{{request.Form["Body"]}}","from":"{{request.Form["From"]}}",
             "to":"{{request.Form["To"]}}","sid":"{{sid}}","status":"queued","num_segments":"1","direction":"outbound-api",
             "uri":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{sid}}.json"}
            """);
    }

    internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, NameValueCollection Form);
}
