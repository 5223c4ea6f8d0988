using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Detection;

/// <summary>SecurityCore as the host composes it (real LiteDB store and audit trail in a temporary directory) with the detection pumps running under a fake clock.</summary>
internal sealed class DetectionTestContext : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mcpsec-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _pumps = [];

    private DetectionTestContext(Dictionary<string, string?>? settings, IEnumerable<IIncidentNotifier> notifiers)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(_root, "data"),
            ["Storage:MasterKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 3)).ToArray()),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        foreach (var notifier in notifiers)
        {
            services.AddSingleton<IIncidentNotifier>(notifier);
        }

        services.AddSecurityCore(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => _provider;

    public ISecurityEventSink Events => _provider.GetRequiredService<ISecurityEventSink>();

    public IIncidentService Incidents => _provider.GetRequiredService<IIncidentService>();

    public IAddressBlockList Blocks => _provider.GetRequiredService<IAddressBlockList>();

    public IDetectionPipeline Pipeline => _provider.GetRequiredService<IDetectionPipeline>();

    /// <summary>Builds the context and starts the observer and notifier pumps (the other hosted services stay off).</summary>
    public static async Task<DetectionTestContext> StartAsync(Dictionary<string, string?>? settings = null, params IIncidentNotifier[] notifiers)
    {
        var context = new DetectionTestContext(settings, notifiers);
        foreach (var pump in context._provider.GetServices<IHostedService>().Where(s => s is SecurityEventDispatchService or IncidentNotificationService))
        {
            await pump.StartAsync(CancellationToken.None);
            context._pumps.Add(pump);
        }

        Assert.Equal(2, context._pumps.Count);
        return context;
    }

    /// <summary>Publishes an event stamped now (then moves the clock on by <paramref name="step"/>).</summary>
    public async Task PublishAsync(string type, string? address = null, string? subject = null, string outcome = SecurityEventOutcomes.Failure,
        string? reason = null, string? target = null, Dictionary<string, string>? details = null, TimeSpan? step = null)
    {
        await Events.PublishAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = Time.GetUtcNow(),
            Outcome = outcome,
            Address = address,
            SubjectId = subject,
            ReasonCode = reason,
            Target = target,
            Details = details ?? [],
        });
        if (step is { } by)
        {
            Time.Advance(by);
        }
    }

    /// <summary>Publishes a failed login of an unknown username (as the identity service records one: a hash reference only).</summary>
    public Task UnknownUserLoginAsync(string address, string usernameRef, TimeSpan? step = null) =>
        PublishAsync(SecurityEventTypes.LoginFailed, address, reason: SecurityErrorCodes.InvalidCredentials,
            details: new Dictionary<string, string> { ["cause"] = "unknown_user", ["username_ref"] = usernameRef }, step: step);

    /// <summary>Publishes a wrong password for a known account.</summary>
    public Task WrongPasswordAsync(string address, string userId, TimeSpan? step = null) =>
        PublishAsync(SecurityEventTypes.LoginFailed, address, userId, reason: SecurityErrorCodes.InvalidCredentials,
            target: userId, details: new Dictionary<string, string> { ["cause"] = "wrong_password" }, step: step);

    /// <summary>Waits until detection saw everything published so far.</summary>
    public Task DrainAsync() => Pipeline.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lists the incidents (newest first) once detection has caught up.</summary>
    public async Task<IReadOnlyList<Incident>> IncidentsAsync(string? type = null)
    {
        await DrainAsync();
        return (await Incidents.ListAsync(new IncidentQuery(Type: type, Limit: 200))).Items;
    }

    /// <summary>Gets the recorded events of a type, oldest first.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> EventsOfAsync(string type) =>
        [.. (await _provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(1000, type)).Reverse()];

    public async ValueTask DisposeAsync()
    {
        foreach (var pump in _pumps)
        {
            await pump.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
