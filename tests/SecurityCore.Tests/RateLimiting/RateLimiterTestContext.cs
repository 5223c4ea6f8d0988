using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>The limiter as the host registers it, over in-memory configuration that tests change and reload.</summary>
internal sealed class RateLimiterTestContext : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MemoryConfigurationProvider _provider;

    public RateLimiterTestContext(IDictionary<string, string?> settings, bool useDefaults = false, FakeTimeProvider? time = null, RecordingSecurityEventSink? events = null)
    {
        var all = new Dictionary<string, string?>(settings);
        all.TryAdd("RateLimiting:UseDefaultPolicies", useDefaults ? "true" : "false");
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        _provider = Configuration.Providers.OfType<MemoryConfigurationProvider>().Single();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Events = events ?? new RecordingSecurityEventSink();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ISecurityEventSink>(Events);
        services.AddSecurityRateLimiting(Configuration.GetSection(RateLimitingOptions.SectionName), Configuration.GetSection("Redis"));
        _services = services.BuildServiceProvider();
    }

    public IConfigurationRoot Configuration { get; }

    public FakeTimeProvider Time { get; }

    public RecordingSecurityEventSink Events { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public IRateLimiter Limiter => _services.GetRequiredService<IRateLimiter>();

    /// <summary>Changes (or, with null, removes) keys and reloads the configuration, as a changed appsettings.json would.</summary>
    public void Reload(IDictionary<string, string?> changes)
    {
        foreach (var (key, value) in changes)
        {
            _provider.Set(key, value);
        }

        Configuration.Reload();
    }

    public void Dispose() => _services.Dispose();
}
