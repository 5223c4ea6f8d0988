using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Fakes;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Audit;

/// <summary>A real audit trail over a real LiteDB store in a temp directory; <see cref="Restart"/> simulates a server restart.</summary>
internal sealed class AuditTestContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly byte[] _hashKey = new byte[32];

    public AuditTestContext(AuditOptions? options = null)
    {
        Options = options ?? new AuditOptions();
        Open();
    }

    public StoreContext Store { get; } = new();

    public FakeSecretProtector Protector { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public AuditOptions Options { get; }

    public LiteDbAuditRepository Repository { get; private set; } = null!;

    public EcdsaAuditSigner Signer { get; private set; } = null!;

    public AuditTrail Trail { get; private set; } = null!;

    public IHttpClientFactory HttpClientFactory { get; set; } = new Clerk.TestHttpClientFactory();

    public AuditRedactionPolicy Redaction => new(Options, _hashKey);

    public AuditVerifier CreateVerifier() => new(Repository, Protector, Signer, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AuditVerifier>.Instance);

    public static SecurityEvent Event(int i, string type = SecurityEventTypes.LoginFailed, IReadOnlyDictionary<string, string>? details = null) => new()
    {
        Type = type,
        OccurredAt = Start.AddSeconds(i),
        Outcome = SecurityEventOutcomes.Failure,
        SubjectId = $"usr_{i}",
        Address = "127.0.0.1",
        Target = $"target-{i}",
        ReasonCode = SecurityErrorCodesForTests.InvalidCredentials,
        RequestId = $"req-{i}",
        Details = details ?? new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    public async Task AppendAsync(int count, int from = 1)
    {
        var tasks = new List<Task>(count);
        for (var i = from; i < from + count; i++)
        {
            tasks.Add(Trail.AppendAsync(Event(i)).AsTask());
        }

        await Task.WhenAll(tasks);
    }

    public async Task RestartAsync()
    {
        await CloseAsync();
        Store.Reopen();
        Open();
    }

    /// <summary>Stops the server side, edits the database file directly, then starts it again.</summary>
    public async Task EditFileAsync(Action<LiteDB.LiteDatabase> edit)
    {
        await CloseAsync();
        Store.EditFile(edit);
        Open();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Store.Dispose();
    }

    private void Open()
    {
        Repository = new LiteDbAuditRepository(Store.Store);
        Signer = new EcdsaAuditSigner(new LiteDbAuditKeyRepository(Store.Store), Protector, Time, NullLogger<EcdsaAuditSigner>.Instance);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Trail = new AuditTrail(
            Repository, Protector, Signer, Redaction,
            new AuditAnchorExporter(options, HttpClientFactory, NullLogger<AuditAnchorExporter>.Instance),
            options, Time, NullLogger<AuditTrail>.Instance);
    }

    private async Task CloseAsync()
    {
        await Trail.DisposeAsync();
        Signer.Dispose();
    }
}
