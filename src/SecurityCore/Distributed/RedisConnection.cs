using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.Distributed;

/// <summary>
/// The one multiplexed Redis connection of the process. It connects on first use, never blocks a caller while Redis is
/// down (commands fail fast instead of queueing) and reconnects by itself in the background.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        // Asynchronous, so a crowd of first callers waits on one task instead of blocking pool threads the connect needs.
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _options.KeyPrefix;

    /// <summary>Gets the multiplexer (connecting on first use; it may not be connected yet, and reconnects by itself).</summary>
    public Task<ConnectionMultiplexer> MultiplexerAsync => _multiplexer.Value;

    /// <summary>Gets the multiplexer, waiting for the first connection attempt.</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer.Value.GetAwaiter().GetResult();

    /// <summary>Gets the database, waiting for the first connection attempt.</summary>
    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Returns the database once the first connection attempt has finished.</summary>
    public async ValueTask<IDatabase> GetDatabaseAsync()
    {
        var task = _multiplexer.Value;
        var multiplexer = task.IsCompletedSuccessfully ? task.Result : await task.ConfigureAwait(false);
        return multiplexer.GetDatabase();
    }

    /// <summary>Gets whether a server is connected now.</summary>
    public bool IsConnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && _multiplexer.Value.Result.IsConnected;

    /// <summary>Gets whether the connection was made and no server is connected now (not before the first use).</summary>
    public bool IsDisconnected => _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully && !_multiplexer.Value.Result.IsConnected;

    /// <summary>
    /// Raised when the connection that carries commands is lost (with the failure kind) or comes back (with null), also
    /// when the first attempt finds no server; so an idle process knows about an outage before a command fails.
    /// </summary>
    public event Action<string?>? CommandConnectionChanged;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
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
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            LogConnectionFailed(_logger, e.EndPoint, e.FailureType);
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                CommandConnectionChanged?.Invoke(e.FailureType.ToString());
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            LogConnectionRestored(_logger, e.EndPoint);
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                CommandConnectionChanged?.Invoke(null);
            }
        };
        LogConnecting(_logger, endpoints, multiplexer.IsConnected);
        if (!multiplexer.IsConnected)
        {
            CommandConnectionChanged?.Invoke(nameof(ConnectionFailureType.UnableToConnect));
        }

        return multiplexer;
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Redis {Endpoints}: connected {Connected} (reconnects in the background when not)")]
    private static partial void LogConnecting(ILogger logger, string endpoints, bool connected);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed: {FailureType}")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endpoint);
}
