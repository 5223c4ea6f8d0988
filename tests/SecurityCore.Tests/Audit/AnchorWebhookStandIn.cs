using System.Collections.Concurrent;
using System.Net;
using System.Text;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.Audit;

/// <summary>A local stand-in anchor webhook on 127.0.0.1 that records every POST body and answers 204.</summary>
internal sealed class AnchorWebhookStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<(string Method, string ContentType, string Body)> _requests = new();

    public AnchorWebhookStandIn()
    {
        (_listener, var baseUrl) = LoopbackHttpListener.Start();
        Url = baseUrl + "/anchors";

        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<(string Method, string ContentType, string Body)> Requests => [.. _requests];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            _requests.Enqueue((context.Request.HttpMethod, context.Request.ContentType ?? "", await reader.ReadToEndAsync()));
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }
}
