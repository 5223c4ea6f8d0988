using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Audit;

/// <summary>The query, proof, export and retention services over a real trail (<see cref="AuditTestContext"/>); events go to the trail itself.</summary>
internal sealed class AuditQueryTestContext : IAsyncDisposable
{
    public static readonly ActingPrincipal Reader = ActingPrincipal.Subject("usr_auditor", "10.0.0.7", "req-read");

    public AuditTestContext Audit { get; } = new(new AuditOptions { CheckpointEveryEntries = 1_000_000, CheckpointInterval = TimeSpan.FromHours(1) });

    public AuditRetentionOptions RetentionOptions { get; } = new();

    public ISecurityEventSink Sink => new StoredSecurityEventSink(Audit.Trail, NullLogger<StoredSecurityEventSink>.Instance);

    public LiteDbAuditQueryRepository QueryRepository => new(Audit.Store.Store);

    public LiteDbAuditCutRepository Cuts => new(Audit.Store.Store);

    private AuditReadRecorder? _recorder;

    public AuditReadRecorder Recorder => _recorder ??= new AuditReadRecorder(Sink, Audit.Time, NullLogger<AuditReadRecorder>.Instance);

    public AuditQueryService Query => new(QueryRepository, Audit.Trail, Audit.Protector, Recorder);

    public AuditProofService Proofs => new(Audit.Trail, Audit.Repository, Audit.Signer, Audit.Protector, Recorder);

    public AuditExportService Export => new(Audit.Trail, Audit.Repository, QueryRepository, Audit.Signer, Audit.Protector, Sink, Audit.Time);

    public AuditRetentionService Retention => new(Audit.Trail, Audit.Repository, Cuts, Audit.Signer, Sink,
        Microsoft.Extensions.Options.Options.Create(RetentionOptions), Audit.Time, NullLogger<AuditRetentionService>.Instance);

    public AuditVerifier Verifier => new(Audit.Repository, Audit.Protector, Audit.Signer, Microsoft.Extensions.Options.Options.Create(Audit.Options),
        NullLogger<AuditVerifier>.Instance, cuts: Cuts);

    public async Task AppendAsync(SecurityEvent e) => await Audit.Trail.AppendAsync(e);

    public ValueTask DisposeAsync() => Audit.DisposeAsync();
}
