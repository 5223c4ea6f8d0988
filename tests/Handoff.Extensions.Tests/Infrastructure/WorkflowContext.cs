using McpSecurity.Handoff;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>The workflow over a real LiteDB store in a temp directory, a fake clock and a recording event sink.</summary>
internal sealed class WorkflowContext : IAsyncDisposable
{
    public const string Summary = "Implemented retries, circuit breakers and the error envelope for the ingestion pipeline.";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "mcpsec-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _provider;

    public WorkflowContext(Action<HandoffWorkflowOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(_root, "data") })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ISecurityEventSink>(Events);
        services.AddSecurityStorage(configuration.GetSection("Storage"));
        // Decorate SecurityCore's own (internal) LiteDB repository, created from its registration.
        var liteDb = services.Single(d => d.ServiceType == typeof(IHandoffReportRepository)).ImplementationType!;
        services.AddSingleton(sp => new InterferingRepository((IHandoffReportRepository)ActivatorUtilities.CreateInstance(sp, liteDb)));
        services.Replace(ServiceDescriptor.Singleton<IHandoffReportRepository>(sp => sp.GetRequiredService<InterferingRepository>()));
        services.AddHandoff(configure);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Workflow = _provider.GetRequiredService<IHandoffWorkflow>();
        Repository = _provider.GetRequiredService<InterferingRepository>();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567));

    public RecordingSecurityEventSink Events { get; } = new();

    public IHandoffWorkflow Workflow { get; }

    public InterferingRepository Repository { get; }

    public static ActingPrincipal Agent { get; } = ActingPrincipal.Subject("agent-1", "10.0.0.1", "req-1");

    public static ActingPrincipal OtherAgent { get; } = ActingPrincipal.Subject("agent-2");

    public static ActingPrincipal Reviewer { get; } = ActingPrincipal.Subject("reviewer-1", "10.0.0.9");

    public static CreateHandoffReportRequest NewReport(string task = "task-1") => new() { PipelineId = "pipe-1", TaskId = task, WorkSummary = Summary };

    /// <summary>Creates a report with one complete component, ready to submit.</summary>
    public async Task<HandoffReportEntry> CompleteDraftAsync(string task = "task-1")
    {
        var created = await Workflow.CreateAsync(Agent, NewReport(task));
        return await Workflow.UpdatePhase6ComponentAsync(Agent, created.Report.ReportId, new UpdatePhase6ComponentRequest
        {
            ComponentType = ComponentType.ErrorHandling,
            Status = Phase6ComponentStatus.Completed,
            ProgressPercentage = 100,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
