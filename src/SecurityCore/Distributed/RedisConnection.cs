using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.Distributed;

/// <summary>
/// The one multiplexed Redis connection of the process. It connects on first use, never blocks a caller while Redis is
/// down (commands fail fast instead of queueing) and reconnects by itself in the background.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _multiplexer = new Lazy<ConnectionMultiplexer>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _options.KeyPrefix;

    /// <summary>Gets the multiplexer (connecting on first use; it may not be connected yet).</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>Gets the database.</summary>
    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Gets whether a server is connected now.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await _multiplexer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ConnectionMultiplexer Connect()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration ?? throw new InvalidOperationException("Redis is not configured."));
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        configuration.ClientName ??= "mcpsec";
        var endpoints = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint);
        LogConnecting(_logger, endpoints, multiplexer.IsConnected);
        return multiplexer;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Redis {Endpoints}: connected {Connected} (reconnects in the background when not)")]
    private static partial void LogConnecting(ILogger logger, string endpoints, bool connected);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed: {FailureType}")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endpoint);
}
