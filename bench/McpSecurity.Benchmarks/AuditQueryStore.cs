using System.Diagnostics;
using System.Globalization;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Benchmarks;

/// <summary>
/// A 1,000,000-entry audit store for the query benchmarks, built once by bulk insert straight through the repository
/// (real canonical JSON, SHA-256 chain, Merkle leaves and chunks, AES-GCM details, every index) and kept in the temp
/// directory for later runs (delete <see cref="DirectoryPath"/> to rebuild).
/// </summary>
internal sealed class AuditQueryStore : IDisposable
{
    public const int Entries = 1_000_000;

    /// <summary>The first entry's timestamp; entries are 30 seconds apart (about 347 days in all).</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(30);

    /// <summary>Event types with their share (per mille) of the entries.</summary>
    public static readonly (string Type, int PerMille)[] Types =
    [
        (SecurityEventTypes.TokenIssued, 300), (SecurityEventTypes.TokenRefreshed, 150), (SecurityEventTypes.LoginSucceeded, 150),
        (SecurityEventTypes.TokenValidationFailed, 100), (SecurityEventTypes.LoginFailed, 80), (SecurityEventTypes.AccessDenied, 50),
        (SecurityEventTypes.AuditRead, 50), (SecurityEventTypes.TwoFactorVerified, 50), (SecurityEventTypes.UserUpdated, 40),
        (SecurityEventTypes.RoleAssigned, 20), (SecurityEventTypes.TwoFactorFailed, 9), (SecurityEventTypes.SigningKeyRotated, 1),
    ];

    private readonly DataDirectoryLock _lock;
    private readonly LiteDbStore _store;
    private readonly MasterKey _masterKey;
    private readonly AesGcmSecretProtector _protector;

    private AuditQueryStore(DataDirectoryLock directoryLock)
    {
        _lock = directoryLock;
        _store = new LiteDbStore(_lock, NullLogger<LiteDbStore>.Instance);
        _masterKey = MasterKey.Load(null, _lock);
        _protector = new AesGcmSecretProtector(_masterKey);
        Query = new AuditQueryService(new LiteDbAuditQueryRepository(_store), new FixedTrail(Entries), _protector,
            new AuditReadRecorder(new BenchStores(), TimeProvider.System, NullLogger<AuditReadRecorder>.Instance));
    }

    public static string DirectoryPath { get; } = Path.Combine(Path.GetTempPath(), "mcpsec-bench-audit-1m-v2");

    private static string Marker => Path.Combine(DirectoryPath, "complete");

    public AuditQueryService Query { get; }

    public static ActingPrincipal Reader { get; } = ActingPrincipal.Subject("usr_bench", "127.0.0.1", "bench");

    /// <summary>Opens the cached store, building it first when it is missing or incomplete.</summary>
    public static AuditQueryStore Open()
    {
        if (!File.Exists(Marker))
        {
            if (Directory.Exists(DirectoryPath))
            {
                Directory.Delete(DirectoryPath, recursive: true);
            }

            var stopwatch = Stopwatch.StartNew();
            var store = new AuditQueryStore(DataDirectoryLock.Acquire(DirectoryPath));
            store.Build();
            store.Dispose();
            File.WriteAllText(Marker, Entries.ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"// built {Entries} audit entries in {stopwatch.Elapsed.TotalSeconds:F0} s at {DirectoryPath}");
        }

        return new AuditQueryStore(DataDirectoryLock.Acquire(DirectoryPath));
    }

    public static string TypeOf(long sequence)
    {
        var slot = (int)((sequence * 7919) % 1000);
        foreach (var (type, perMille) in Types)
        {
            if (slot < perMille)
            {
                return type;
            }

            slot -= perMille;
        }

        return Types[0].Type;
    }

    /// <summary>The acting subject of an entry: 2000 users, mixed so that a user's entries span every type.</summary>
    public static string SubjectOf(long sequence) => "usr_" + (((ulong)sequence * 11400714819323198485UL >> 40) % 2000).ToString("D4", CultureInfo.InvariantCulture);

    private void Build()
    {
        var repository = new LiteDbAuditRepository(_store);
        var tree = new List<byte[]>(Entries);
        var previous = new string('0', 64);
        const int Batch = 10_000;
        var chunkBuffer = new List<StoredAuditLeafChunk>();
        for (long first = 1; first <= Entries; first += Batch)
        {
            var entries = new List<StoredAuditEntry>(Batch);
            for (var sequence = first; sequence < first + Batch && sequence <= Entries; sequence++)
            {
                var type = TypeOf(sequence);
                var entry = new StoredAuditEntry
                {
                    Sequence = sequence,
                    EventId = "evt" + sequence.ToString("D9", CultureInfo.InvariantCulture),
                    Timestamp = Start + (Spacing * (sequence - 1)),
                    Type = type,
                    Outcome = type.Contains("failed", StringComparison.Ordinal) || type == SecurityEventTypes.AccessDenied ? SecurityEventOutcomes.Failure : SecurityEventOutcomes.Success,
                    SubjectId = SubjectOf(sequence),
                    ClientId = "agent-" + (sequence % 40).ToString(CultureInfo.InvariantCulture),
                    Roles = ["developer"],
                    Address = "10.0." + (sequence % 250).ToString(CultureInfo.InvariantCulture) + ".7",
                    AuthenticationMethod = "client_credentials",
                    Target = "tok_" + sequence.ToString("x8", CultureInfo.InvariantCulture),
                    RequestId = "req-" + sequence.ToString(CultureInfo.InvariantCulture),
                    PrevHash = previous,
                    EntryHash = "",
                };
                var details = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["scope"] = "mcp handoff:read",
                    ["session"] = "ses_" + (sequence % 9973).ToString(CultureInfo.InvariantCulture),
                };
                var canonical = AuditEntryCanonicalForm.Build(entry, details);
                entry.EntryHash = AuditEntryCanonicalForm.EntryHash(canonical);
                entry.LeafHash = MerkleHashing.HashLeaf(canonical);
                entry.EncryptedDetails = _protector.Protect(JsonCanonicalizer.Canonicalize(new System.Text.Json.Nodes.JsonObject
                {
                    ["scope"] = details["scope"],
                    ["session"] = details["session"],
                }), AuditEntryCanonicalForm.DetailsPurpose(entry.EventId));
                previous = entry.EntryHash;
                tree.Add(entry.LeafHash);
                entries.Add(entry);
            }

            chunkBuffer.Clear();
            while (CompletedChunks(tree.Count) > _chunksWritten)
            {
                var index = _chunksWritten++;
                var hashes = new byte[StoredAuditLeafChunk.Size * MerkleHashing.HashSize];
                for (var i = 0; i < StoredAuditLeafChunk.Size; i++)
                {
                    tree[(int)(index * StoredAuditLeafChunk.Size) + i].CopyTo(hashes, i * MerkleHashing.HashSize);
                }

                chunkBuffer.Add(new StoredAuditLeafChunk { Index = index, Hashes = hashes });
            }

            repository.AppendBatch(entries, chunkBuffer, null);
        }
    }

    private long _chunksWritten;

    private static long CompletedChunks(long size) => size / StoredAuditLeafChunk.Size;

    public void Dispose()
    {
        _protector.Dispose();
        _store.Dispose();
        _masterKey.Dispose();
        _lock.Dispose();
    }

    /// <summary>The trail as the query service sees it: committed, of a fixed size (nothing is appended during the benchmark).</summary>
    private sealed class FixedTrail(long size) : IAuditTrail
    {
        public ValueTask<AuditAppendResult> AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public AuditTreeHead GetTreeHead() => new(size, "", "", null);

        public IReadOnlyList<AuditEntry> GetRecent(int limit, string? type = null) => throw new NotSupportedException();

        public AuditEntry? GetEntry(long sequence) => throw new NotSupportedException();

        public byte[] GetRoot(long treeSize) => throw new NotSupportedException();

        public IReadOnlyList<byte[]> GetInclusionProof(long sequence, long treeSize) => throw new NotSupportedException();

        public IReadOnlyList<byte[]> GetConsistencyProof(long oldSize, long newSize) => throw new NotSupportedException();
    }
}
