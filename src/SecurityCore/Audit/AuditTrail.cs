using System.Threading.Channels;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The audit trail with group commit: publishers queue their event on a channel and wait; one writer loop takes
/// everything queued (up to <see cref="AuditOptions.MaxBatchSize"/>), chains, hashes and encrypts it, extends the Merkle
/// tree, signs a checkpoint when one is due, writes it all in one LiteDB transaction and only then acknowledges.
/// </summary>
/// <remarks>
/// The single writer is what makes the sequence gap-free and the chain linear without locks on the hot path. If a batch
/// fails, every publisher in it gets <c>AUDIT_APPEND_FAILED</c> and the in-memory state is reloaded from the store.
/// </remarks>
internal sealed partial class AuditTrail : IAuditTrail, IAsyncDisposable, IDisposable
{
    private readonly IAuditRepository _repository;
    private readonly IAuditSigner _signer;
    private readonly AuditRedactionPolicy _redaction;
    private readonly AuditEntryCodec _codec;
    private readonly AuditAnchorExporter _exporter;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditTrail> _logger;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly ITimer _timer;

    private MerkleTree _tree = new();
    private long _lastSequence;
    private string _lastHash = AuditEntryCanonicalForm.GenesisHash;
    private AuditCheckpoint? _lastCheckpoint;
    private DateTimeOffset _lastCheckpointAt;
    private int _disposed;

    /// <summary>Loads the trail's state from the store and starts the writer loop and the checkpoint timer.</summary>
    public AuditTrail(
        IAuditRepository repository,
        ISecretProtector protector,
        IAuditSigner signer,
        AuditRedactionPolicy redaction,
        AuditAnchorExporter exporter,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _repository = repository;
        _signer = signer;
        _redaction = redaction;
        _codec = new AuditEntryCodec(protector);
        _exporter = exporter;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        LoadState();
        _loop = Task.Run(RunAsync);
        _timer = timeProvider.CreateTimer(_ => _queue.Writer.TryWrite(new Work(WorkKind.Tick)), null, _options.CheckpointInterval, _options.CheckpointInterval);
    }

    private enum WorkKind
    {
        Append,
        Flush,
        Checkpoint,
        Tick,
    }

    /// <inheritdoc />
    public ValueTask<AuditAppendResult> AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        cancellationToken.ThrowIfCancellationRequested();
        // Redaction, encryption and most of the canonical JSON happen here, on the publisher's thread; the single writer
        // only numbers, chains, hashes and stores.
        var (entry, prepared) = Prepare(securityEvent);
        var work = new Work(WorkKind.Append) { Entry = entry, Prepared = prepared, Appended = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        if (!_queue.Writer.TryWrite(work))
        {
            throw new SecurityException(SecurityErrorCodes.AuditAppendFailed, "The audit trail is shut down; the event was not recorded.");
        }

        return new ValueTask<AuditAppendResult>(cancellationToken.CanBeCanceled ? work.Appended.Task.WaitAsync(cancellationToken) : work.Appended.Task);
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var work = new Work(WorkKind.Flush) { Done = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        if (_queue.Writer.TryWrite(work))
        {
            await work.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when every checkpoint made so far has been exported to the anchors.</summary>
    internal Task FlushAnchorsAsync(CancellationToken cancellationToken = default) => _exporter.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        var work = new Work(WorkKind.Checkpoint) { Done = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        if (!_queue.Writer.TryWrite(work))
        {
            throw new SecurityException(SecurityErrorCodes.AuditAppendFailed, "The audit trail is shut down.");
        }

        await work.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _exporter.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _lastCheckpoint);
    }

    /// <inheritdoc />
    public AuditTreeHead GetTreeHead()
    {
        // Read under the tree lock's protection: the size and root of one committed state.
        var (size, hash, checkpoint, tree) = (Volatile.Read(ref _lastSequence), Volatile.Read(ref _lastHash), Volatile.Read(ref _lastCheckpoint), _tree);
        return new AuditTreeHead(size, Convert.ToHexStringLower(tree.GetRoot(Math.Min(size, tree.Size))), hash, checkpoint);
    }

    /// <inheritdoc />
    public IReadOnlyList<AuditEntry> GetRecent(int limit, string? type = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return [.. _repository.GetRecent(limit, type).Select(_codec.ToEntry)];
    }

    /// <inheritdoc />
    public AuditEntry? GetEntry(long sequence) => _repository.GetBySequence(sequence) is { } stored ? _codec.ToEntry(stored) : null;

    /// <inheritdoc />
    public byte[] GetRoot(long treeSize)
    {
        CheckCommitted(treeSize);
        return _tree.GetRoot(treeSize);
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> GetInclusionProof(long sequence, long treeSize)
    {
        CheckCommitted(treeSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return _tree.GetInclusionProof(sequence - 1, treeSize);
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> GetConsistencyProof(long oldSize, long newSize)
    {
        CheckCommitted(newSize);
        return _tree.GetConsistencyProof(oldSize, newSize);
    }

    /// <summary>Writes what is queued, stops the loop and the timer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownTimedOut(_logger);
        }

        await _exporter.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Synchronous disposal for containers that do not dispose asynchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void CheckCommitted(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Volatile.Read(ref _lastSequence));
    }

    private async Task RunAsync()
    {
        var batch = new List<Work>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            // Everything between here and the commit runs on this thread: LiteDB transactions are per thread.
            Process(batch);
        }
    }

    private void Process(List<Work> batch)
    {
        var entries = new List<StoredAuditEntry>(batch.Count);
        var results = new List<(Work Work, AuditAppendResult Result)>(batch.Count);
        var forced = false;
        var tick = false;
        var sequence = _lastSequence;
        var previous = _lastHash;
        var leaves = new List<byte[]>(batch.Count);
        try
        {
            foreach (var work in batch)
            {
                switch (work.Kind)
                {
                    case WorkKind.Append:
                        sequence++;
                        var entry = work.Entry!;
                        entry.Sequence = sequence;
                        entry.PrevHash = previous;
                        var canonical = work.Prepared!.Complete(sequence, previous);
                        entry.EntryHash = AuditEntryCanonicalForm.EntryHash(canonical);
                        previous = entry.EntryHash;
                        entries.Add(entry);
                        entry.LeafHash = MerkleHashing.HashLeaf(canonical);
                        leaves.Add(entry.LeafHash);
                        results.Add((work, new AuditAppendResult(entry.Sequence, entry.EntryHash)));
                        break;
                    case WorkKind.Checkpoint:
                        forced = true;
                        break;
                    case WorkKind.Tick:
                        tick = true;
                        break;
                    default:
                        break;
                }
            }

            var firstNew = _lastSequence;
            _tree.AppendLeafHashes(leaves);
            var now = _time.GetUtcNow();
            var checkpoint = DueCheckpoint(sequence, forced, tick, now);
            if (entries.Count > 0)
            {
                _repository.AppendBatch(entries, LeafChunks(firstNew, sequence), checkpoint is null ? null : ToStored(checkpoint));
            }
            else if (checkpoint is not null)
            {
                _repository.AddCheckpoint(ToStored(checkpoint));
            }

            Volatile.Write(ref _lastHash, previous);
            Volatile.Write(ref _lastSequence, sequence);
            if (checkpoint is not null)
            {
                Volatile.Write(ref _lastCheckpoint, checkpoint);
                _lastCheckpointAt = now;
                _exporter.Enqueue(checkpoint);
                LogCheckpoint(_logger, checkpoint.TreeSize, checkpoint.Signature.KeyId);
            }
        }
#pragma warning disable CA1031 // Any failure of the batch is handed to every waiting publisher; the loop must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(_logger, ex, batch.Count);
            var failure = new SecurityException(SecurityErrorCodes.AuditAppendFailed, "The audit trail could not commit the event; it was not recorded.");
            foreach (var work in batch)
            {
                work.Appended?.TrySetException(failure);
                work.Done?.TrySetException(failure);
            }

            ReloadAfterFailure();
            return;
        }

        foreach (var (work, result) in results)
        {
            work.Appended!.TrySetResult(result);
        }

        foreach (var work in batch)
        {
            work.Done?.TrySetResult();
        }
    }

    private (StoredAuditEntry Entry, AuditEntryCanonicalForm.Prepared Prepared) Prepare(SecurityEvent e)
    {
        var cleanDetails = new Dictionary<string, string>(e.Details.Count, StringComparer.Ordinal);
        foreach (var (key, value) in e.Details)
        {
            cleanDetails[AuditEntryCodec.Clean(key)!] = AuditEntryCodec.Clean(value) ?? "";
        }

        var details = _redaction.Redact(cleanDetails);
        var entry = new StoredAuditEntry
        {
            EventId = AuditEntryCodec.Clean(e.Id)!,
            // Exact UTC ticks: the canonical timestamp has seven fractional digits, so it round-trips through the store.
            Timestamp = new DateTimeOffset(e.OccurredAt.UtcTicks, TimeSpan.Zero),
            Type = AuditEntryCodec.Clean(e.Type)!,
            Outcome = AuditEntryCodec.Clean(e.Outcome)!,
            SubjectId = AuditEntryCodec.Clean(e.SubjectId),
            ClientId = AuditEntryCodec.Clean(e.ClientId),
            Roles = [.. e.Roles.Select(r => AuditEntryCodec.Clean(r)!)],
            Address = AuditEntryCodec.Clean(e.Address),
            AuthenticationMethod = AuditEntryCodec.Clean(e.AuthenticationMethod),
            Target = AuditEntryCodec.Clean(e.Target),
            ReasonCode = AuditEntryCodec.Clean(e.ReasonCode),
            RequestId = AuditEntryCodec.Clean(e.RequestId),
            PrevHash = "",
            EntryHash = "",
        };
        entry.EncryptedDetails = _codec.Encrypt(entry.EventId, details);
        return (entry, AuditEntryCanonicalForm.Prepare(entry, details));
    }

    private AuditCheckpoint? DueCheckpoint(long size, bool forced, bool tick, DateTimeOffset now)
    {
        var covered = _lastCheckpoint?.TreeSize ?? 0;
        if (size <= covered)
        {
            return null;
        }

        var due = forced
            || size - covered >= _options.CheckpointEveryEntries
            || ((tick || size > covered) && now - _lastCheckpointAt >= _options.CheckpointInterval);
        if (!due)
        {
            return null;
        }

        var root = Convert.ToHexStringLower(_tree.GetRoot(size));
        var signature = _signer.Sign(AuditCheckpoint.GetSignedBytes(size, root, now, _signer.Algorithm, _signer.CurrentKeyId));
        return new AuditCheckpoint(size, root, now, signature);
    }

    private List<StoredAuditLeafChunk> LeafChunks(long firstNewIndex, long size)
    {
        // Only runs of leaves that this batch completes: each chunk is written once, the tail lives in the entries.
        var chunks = new List<StoredAuditLeafChunk>();
        for (var chunk = firstNewIndex / StoredAuditLeafChunk.Size; (chunk + 1) * StoredAuditLeafChunk.Size <= size; chunk++)
        {
            var hashes = new byte[StoredAuditLeafChunk.Size * MerkleHashing.HashSize];
            _tree.CopyLeafHashes(chunk * StoredAuditLeafChunk.Size, StoredAuditLeafChunk.Size, hashes);
            chunks.Add(new StoredAuditLeafChunk { Index = chunk, Hashes = hashes });
        }

        return chunks;
    }

    private static StoredAuditCheckpoint ToStored(AuditCheckpoint checkpoint) => new()
    {
        TreeSize = checkpoint.TreeSize,
        RootHash = checkpoint.RootHash,
        Timestamp = checkpoint.Timestamp,
        Algorithm = checkpoint.Signature.Algorithm,
        KeyId = checkpoint.Signature.KeyId,
        Signature = checkpoint.Signature.Value,
    };

    internal static AuditCheckpoint FromStored(StoredAuditCheckpoint stored) =>
        new(stored.TreeSize, stored.RootHash, stored.Timestamp.ToUniversalTime(), new AuditSignature(stored.Algorithm, stored.KeyId, stored.Signature));

    private void ReloadAfterFailure()
    {
        try
        {
            LoadState();
        }
#pragma warning disable CA1031 // The store is failing; the next batch will try again and report its own failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReloadFailed(_logger, ex);
        }
    }

    private void LoadState()
    {
        var last = _repository.GetLast();
        var size = last?.Sequence ?? 0;
        var tree = new MerkleTree();
        foreach (var chunk in _repository.GetLeafChunks())
        {
            if (chunk.Index * StoredAuditLeafChunk.Size != tree.Size)
            {
                break;
            }

            var count = chunk.Hashes.Length / MerkleHashing.HashSize;
            tree.AppendLeafHashes(Enumerable.Range(0, count).Select(i => chunk.Hashes.AsSpan(i * MerkleHashing.HashSize, MerkleHashing.HashSize).ToArray()));
        }

        if (tree.Size < size)
        {
            var tail = new List<byte[]>();
            foreach (var entry in _repository.ReadFrom(tree.Size + 1))
            {
                if (entry.Sequence != tree.Size + tail.Count + 1 || entry.LeafHash is not { Length: MerkleHashing.HashSize })
                {
                    tail = null;
                    break;
                }

                tail.Add(entry.LeafHash);
            }

            if (tail is not null)
            {
                tree.AppendLeafHashes(tail);
            }
        }

        if (tree.Size != size)
        {
            // Leaves and entries are written in one transaction, so this means the store was changed behind our back:
            // rebuild the tree from the entries as they are (verification reports what was changed).
            LogRebuildingTree(_logger, tree.Size, size);
            tree = RebuildTree(out size);
        }

        var checkpoints = _repository.GetCheckpoints();
        _tree = tree;
        _lastSequence = size;
        _lastHash = last?.EntryHash ?? AuditEntryCanonicalForm.GenesisHash;
        _lastCheckpoint = checkpoints.Count > 0 ? FromStored(checkpoints[^1]) : null;
        _lastCheckpointAt = _lastCheckpoint?.Timestamp ?? _time.GetUtcNow();
    }

    private MerkleTree RebuildTree(out long size)
    {
        var tree = new MerkleTree();
        var leaves = new List<byte[]>();
        size = 0;
        foreach (var stored in _repository.ReadFrom(1))
        {
            Dictionary<string, string> details;
            try
            {
                details = _codec.Decrypt(stored);
            }
#pragma warning disable CA1031 // An unreadable entry still takes its place in the tree; verification names it.
            catch (Exception)
#pragma warning restore CA1031
            {
                details = [];
            }

            while (leaves.Count < stored.Sequence - 1)
            {
                // A missing sequence number keeps its leaf position (as an empty leaf) so later entries keep theirs.
                leaves.Add(MerkleHashing.HashLeaf([]));
            }

            leaves.Add(MerkleHashing.HashLeaf(AuditEntryCanonicalForm.Build(stored, details)));
            size = stored.Sequence;
        }

        // The stored leaves are left as they are (evidence for verification); new batches rewrite the chunks they touch.
        tree.AppendLeafHashes(leaves);
        size = tree.Size;
        return tree;
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Audit checkpoint at tree size {TreeSize} signed with {KeyId}")]
    private static partial void LogCheckpoint(ILogger logger, long treeSize, string keyId);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Error, Message = "An audit batch of {Count} items could not be committed; its publishers were told")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Error, Message = "The audit trail state could not be reloaded after a failed batch")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "Audit leaf hashes ({Leaves}) do not match the entries ({Entries}); rebuilding the Merkle tree from the entries")]
    private static partial void LogRebuildingTree(ILogger logger, long leaves, long entries);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning, Message = "The audit writer did not finish within 30 seconds of shutdown")]
    private static partial void LogShutdownTimedOut(ILogger logger);

    private sealed class Work(WorkKind kind)
    {
        public WorkKind Kind { get; } = kind;

        public StoredAuditEntry? Entry { get; init; }

        public AuditEntryCanonicalForm.Prepared? Prepared { get; init; }

        public TaskCompletionSource<AuditAppendResult>? Appended { get; init; }

        public TaskCompletionSource? Done { get; init; }
    }
}
