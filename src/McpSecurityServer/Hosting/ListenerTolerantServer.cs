using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace McpSecurity.Server.Hosting;

/// <summary>Wraps Kestrel in stdio mode: when the port cannot be bound, logs one warning and lets MCP over stdio carry on.</summary>
internal sealed partial class ListenerTolerantServer(IServer inner, ILogger<ListenerTolerantServer> logger) : IServer
{
    private bool _started;

    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        try
        {
            await inner.StartAsync(application, cancellationToken);
            _started = true;
        }
        catch (IOException ex)
        {
            LogListenerUnavailable(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _started ? inner.StopAsync(cancellationToken) : Task.CompletedTask;

    public void Dispose() => inner.Dispose();

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "HTTP listener not started ({Reason}); serving MCP over stdio only")]
    private static partial void LogListenerUnavailable(ILogger logger, string reason);
}
