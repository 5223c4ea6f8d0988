using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Append throughput of the audit trail (target: at least 5,000 events/s) with everything an append really does: redaction,
/// RFC 8785 canonical JSON, SHA-256 chain, AES-GCM details, Merkle leaf and tree, leaf chunk, LiteDB commit (group
/// commit), and an ES256 checkpoint every 1000 entries. <see cref="Publishers"/> concurrent publishers each await their
/// acknowledgement before sending the next event, as request handlers do.
/// </summary>
/// <remarks>
/// Per-operation times are per event (OperationsPerInvoke). Run:
/// <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *AuditAppend* --job short</c>.
/// </remarks>
[MemoryDiagnoser]
public class AuditAppendBenchmarks : IDisposable
{
    private const int EventsPerInvoke = 4096;

    private string _directory = "";
    private DataDirectoryLock _lock = null!;
    private LiteDbStore _store = null!;
    private MasterKey _masterKey = null!;
    private AesGcmSecretProtector _protector = null!;
    private EcdsaAuditSigner _signer = null!;
    private AuditTrail _trail = null!;
    private int _counter;

    /// <summary>Gets or sets how many publishers append at the same time.</summary>
    [Params(1, 16, 128)]
    public int Publishers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mcpsec-bench", Guid.NewGuid().ToString("N"));
        _lock = DataDirectoryLock.Acquire(_directory);
        _store = new LiteDbStore(_lock, NullLogger<LiteDbStore>.Instance);
        _masterKey = MasterKey.Load(null, _lock);
        _protector = new AesGcmSecretProtector(_masterKey);
        var options = Options.Create(new AuditOptions { CheckpointEveryEntries = 1000 });
        _signer = new EcdsaAuditSigner(new LiteDbAuditKeyRepository(_store), _protector, TimeProvider.System, NullLogger<EcdsaAuditSigner>.Instance);
        _trail = new AuditTrail(new LiteDbAuditRepository(_store), _protector, _signer, new AuditRedactionPolicy(options, _masterKey),
            new AuditAnchorExporter(options, new NoHttpClientFactory(), NullLogger<AuditAnchorExporter>.Instance),
            options, TimeProvider.System, NullLogger<AuditTrail>.Instance);
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public async Task AppendWithChainTreeAndCheckpoints()
    {
        var perPublisher = EventsPerInvoke / Publishers;
        var publishers = new Task[Publishers];
        for (var p = 0; p < Publishers; p++)
        {
            publishers[p] = PublishAsync(perPublisher);
        }

        await Task.WhenAll(publishers);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _trail?.Dispose();
        _signer?.Dispose();
        _protector?.Dispose();
        _store?.Dispose();
        _masterKey?.Dispose();
        _lock?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    private async Task PublishAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = Interlocked.Increment(ref _counter);
            await _trail.AppendAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.LoginFailed,
                OccurredAt = DateTimeOffset.UtcNow,
                Outcome = SecurityEventOutcomes.Failure,
                SubjectId = "usr_0123456789abcdef0123456789abcdef",
                Address = "203.0.113.7",
                Target = "alice",
                ReasonCode = "AUTH_INVALID_CREDENTIALS",
                RequestId = "0HNQI514CJ864:" + n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                Details = new Dictionary<string, string> { ["cause"] = "wrong_password", ["password"] = "dropped-by-redaction" },
            });
        }
    }

    private sealed class NoHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
