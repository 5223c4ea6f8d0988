namespace McpSecurity.SecurityCore.Distributed;

/// <summary>The shared Redis server (configuration section <c>Redis</c>; <c>MCPSEC__Redis__Configuration</c>).</summary>
/// <remarks>Without <see cref="Configuration"/> everything stays in this process (the embedded default).</remarks>
public sealed class RedisOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Redis";

    /// <summary>Gets or sets the StackExchange.Redis configuration string, for example <c>127.0.0.1:6379</c> or <c>redis1:6379,redis2:6379,password=...</c>.</summary>
    /// <remarks>May hold a password: it is never logged (only the endpoints are).</remarks>
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key this server writes. Defaults to <c>mcpsec</c>.</summary>
    public string KeyPrefix { get; set; } = "mcpsec";

    /// <summary>Gets or sets how long one command may take before it counts as a failure. Defaults to 500 ms.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how long connecting may take. Defaults to 2 seconds; the client keeps reconnecting in the background.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets whether Redis is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
