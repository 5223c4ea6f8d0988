using System.Net;

namespace McpSecurity.Tests.SecurityCore.Infrastructure;

/// <summary>Starts an <see cref="HttpListener"/> on 127.0.0.1 at a free port, for the local stand-ins of third-party services.</summary>
internal static class LoopbackHttpListener
{
    /// <summary>Starts a listener; returns it with its base URL (<c>http://127.0.0.1:port</c>, no trailing slash).</summary>
    public static (HttpListener Listener, string BaseUrl) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPorts.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, $"http://127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port since it was handed out; try another.
                listener.Close();
            }
        }
    }
}
