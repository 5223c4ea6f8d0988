using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>One Redis store with its own connection and a key prefix of its own (tests never see each other's keys).</summary>
internal sealed class RedisStoreHarness : IDisposable
{
    public RedisStoreHarness(string configuration, TimeProvider time, string? prefix = null, RateLimitingOptions? options = null)
    {
        Prefix = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12];
        Connection = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = configuration, KeyPrefix = Prefix, OperationTimeout = TimeSpan.FromSeconds(2) }),
            NullLogger<RedisConnection>.Instance);
        Events = new RecordingSecurityEventSink();
        Store = new RedisRateLimitStore(Connection, new StaticOptionsMonitor<RateLimitingOptions>(options ?? new RateLimitingOptions()), Events, time, NullLogger<RedisRateLimitStore>.Instance);
    }

    public string Prefix { get; }

    public RedisConnection Connection { get; }

    public RedisRateLimitStore Store { get; }

    public RecordingSecurityEventSink Events { get; }

    public void Dispose()
    {
        Store.Dispose();
        Connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
