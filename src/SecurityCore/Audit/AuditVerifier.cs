using System.Security.Cryptography;
using System.Text.Json;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Reads every entry in sequence order and checks, for each: no sequence number is missing, the details decrypt, the
/// recomputed hash equals <c>entry_hash</c>, <c>prev_hash</c> equals the previous entry's hash, and the stored Merkle leaf
/// equals the recomputed one. At each checkpoint size (stored checkpoints and exported anchors) the checkpoint signature
/// and the recomputed root are checked; a checkpoint beyond the last entry means the tail was cut.
/// </summary>
internal sealed partial class AuditVerifier(
    IAuditRepository repository,
    ISecretProtector protector,
    IAuditSigner signer,
    IOptions<AuditOptions> options,
    ILogger<AuditVerifier> logger,
    ISecurityEventSink? events = null,
    TimeProvider? timeProvider = null) : IAuditVerifier
{
    /// <inheritdoc />
    public async Task<AuditVerificationResult> VerifyAsync(AuditVerificationRequest? request = null, CancellationToken cancellationToken = default)
    {
        var result = await Task.Run(() => Verify(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (events is not null)
        {
            var details = new Dictionary<string, string>
            {
                ["entries_checked"] = result.EntriesChecked.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["root_hash"] = result.RootHash,
            };
            if (result.FirstBadSequence is { } bad)
            {
                details["first_bad_sequence"] = bad.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            try
            {
                await events.PublishAsync(new SecurityEvent
                {
                    Type = SecurityEventTypes.AuditVerified,
                    OccurredAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
                    Outcome = result.Ok ? SecurityEventOutcomes.Success : SecurityEventOutcomes.Failure,
                    SubjectId = request?.RequestedBy,
                    Address = request?.Address,
                    RequestId = request?.RequestId,
                    ReasonCode = result.Code,
                    Details = details,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (SecurityException ex)
            {
                // A trail too damaged to append to still gets its verification answered.
                LogEventFailed(logger, ex.Code);
            }
        }

        return result;
    }

    private AuditVerificationResult Verify(AuditVerificationRequest? request, CancellationToken cancellationToken)
    {
        var codec = new AuditEntryCodec(protector);
        var tree = new MerkleTree();
        var heads = new List<(AuditCheckpoint Checkpoint, bool Anchor)>();
        heads.AddRange(repository.GetCheckpoints().Select(c => (AuditTrail.FromStored(c), false)));
        var anchorPath = request?.AnchorFilePath ?? options.Value.AnchorFilePath;
        if (!string.IsNullOrWhiteSpace(anchorPath))
        {
            var explicitPath = request?.AnchorFilePath is not null;
            if (!TryReadAnchors(anchorPath, explicitPath, heads, out var anchorProblem))
            {
                return Finish(Fail(SecurityErrorCodes.AuditAnchorUnreadable, anchorProblem, null), tree, 0, 0, 0, 0);
            }
        }

        heads.Sort((a, b) => a.Checkpoint.TreeSize.CompareTo(b.Checkpoint.TreeSize));
        var storedLeaves = repository.GetLeafChunks();
        var checkpoints = 0;
        var anchors = 0;
        var nextHead = 0;
        long lastSignedSize = 0;
        long entries = 0;
        var previous = AuditEntryCanonicalForm.GenesisHash;

        // Heads of size 0 cover nothing; only their signature can be wrong.
        while (nextHead < heads.Count && heads[nextHead].Checkpoint.TreeSize <= 0)
        {
            if (CheckHead(heads[nextHead], tree, lastSignedSize, ref checkpoints, ref anchors) is { } bad)
            {
                return Finish(bad, tree, entries, checkpoints, anchors, 0);
            }

            nextHead++;
        }

        foreach (var stored in repository.ReadFrom(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expected = entries + 1;
            if (stored.Sequence != expected)
            {
                return Finish(Fail(SecurityErrorCodes.AuditSequenceGap,
                    $"Entry {expected} is missing: the next stored entry is {stored.Sequence} (an entry was deleted).", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            if (stored.EventId is null || stored.Type is null || stored.Outcome is null || stored.PrevHash is null || stored.EntryHash is null)
            {
                return Finish(Fail(SecurityErrorCodes.AuditEntryMalformed, $"Entry {expected} lacks a required field.", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            Dictionary<string, string> details;
            try
            {
                details = codec.Decrypt(stored);
            }
            catch (Exception ex) when (ex is CryptographicException or JsonException or InvalidOperationException)
            {
                return Finish(Fail(SecurityErrorCodes.AuditEntryMalformed,
                    $"The details of entry {expected} do not decrypt: they were changed, or moved from another entry.", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            var canonical = AuditEntryCanonicalForm.Build(stored, details);
            var hash = AuditEntryCanonicalForm.EntryHash(canonical);
            if (!string.Equals(hash, stored.EntryHash, StringComparison.Ordinal))
            {
                return Finish(Fail(SecurityErrorCodes.AuditEntryHashMismatch,
                    $"Entry {expected} does not hash to its entry_hash: a field was changed, or the entry was moved.", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            if (!string.Equals(stored.PrevHash, previous, StringComparison.Ordinal))
            {
                return Finish(Fail(SecurityErrorCodes.AuditChainBroken,
                    $"The prev_hash of entry {expected} is not the hash of entry {expected - 1}: an entry was inserted, removed or replaced before it.", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            var leaf = MerkleHashing.HashLeaf(canonical);
            // Every entry carries its leaf (and complete runs are also in chunks): a missing or different one means the tree was touched.
            if ((StoredLeaf(storedLeaves, expected - 1) ?? stored.LeafHash) is not { } storedLeaf || !leaf.AsSpan().SequenceEqual(storedLeaf))
            {
                return Finish(Fail(SecurityErrorCodes.AuditLeafMismatch,
                    $"The stored Merkle leaf of entry {expected} differs from the one recomputed from the entry.", expected), tree, entries, checkpoints, anchors, lastSignedSize);
            }

            tree.AppendLeafHashes([leaf]);
            entries = expected;
            previous = hash;
            while (nextHead < heads.Count && heads[nextHead].Checkpoint.TreeSize == entries)
            {
                if (CheckHead(heads[nextHead], tree, lastSignedSize, ref checkpoints, ref anchors) is { } bad)
                {
                    return Finish(bad, tree, entries, checkpoints, anchors, lastSignedSize);
                }

                lastSignedSize = entries;
                nextHead++;
            }
        }

        if (nextHead < heads.Count)
        {
            foreach (var (_, isAnchor) in heads.Skip(nextHead))
            {
                if (isAnchor)
                {
                    anchors++;
                }
                else
                {
                    checkpoints++;
                }
            }

            var (beyond, anchor) = heads[^1];
            var sourceName = anchor ? "An exported anchor" : "A stored checkpoint";
            var signatureOk = signer.Verify(beyond.GetSignedBytes(), beyond.Signature);
            return Finish(Fail(signatureOk ? SecurityErrorCodes.AuditTailTruncated : SecurityErrorCodes.AuditCheckpointSignatureInvalid,
                signatureOk
                    ? $"{sourceName} signed {beyond.TreeSize} entries but the trail holds {entries}: entries from {entries + 1} on were removed."
                    : $"{sourceName} of tree size {beyond.TreeSize} (beyond the {entries} entries) has an invalid signature.",
                entries + 1), tree, entries, checkpoints, anchors, lastSignedSize);
        }

        var result = Finish(new AuditVerificationResult { Ok = true, RootHash = "" }, tree, entries, checkpoints, anchors, lastSignedSize);
        LogVerified(logger, entries, checkpoints, anchors);
        return result;
    }

    private AuditVerificationResult? CheckHead((AuditCheckpoint Checkpoint, bool Anchor) head, MerkleTree tree, long lastSignedSize, ref int checkpoints, ref int anchors)
    {
        var (checkpoint, anchor) = head;
        var sourceName = anchor ? "exported anchor" : "stored checkpoint";
        if (anchor)
        {
            anchors++;
        }
        else
        {
            checkpoints++;
        }

        if (!signer.Verify(checkpoint.GetSignedBytes(), checkpoint.Signature))
        {
            return Fail(SecurityErrorCodes.AuditCheckpointSignatureInvalid,
                $"The {sourceName} of tree size {checkpoint.TreeSize} has an invalid signature (key {checkpoint.Signature.KeyId}).", Math.Max(1, checkpoint.TreeSize));
        }

        var root = Convert.ToHexStringLower(tree.GetRoot(checkpoint.TreeSize));
        if (!string.Equals(root, checkpoint.RootHash, StringComparison.OrdinalIgnoreCase))
        {
            return Fail(SecurityErrorCodes.AuditCheckpointRootMismatch,
                $"The entries {lastSignedSize + 1} to {checkpoint.TreeSize} do not produce the root the {sourceName} of tree size {checkpoint.TreeSize} signed: "
                + "an entry in that range was rewritten together with the chain.", lastSignedSize + 1);
        }

        return null;
    }

    private static byte[]? StoredLeaf(IReadOnlyList<StoredAuditLeafChunk> chunks, long index)
    {
        var chunkIndex = index / StoredAuditLeafChunk.Size;
        if (chunkIndex >= chunks.Count || chunks[(int)chunkIndex].Index != chunkIndex)
        {
            return null;
        }

        var offset = (int)(index % StoredAuditLeafChunk.Size) * MerkleHashing.HashSize;
        var hashes = chunks[(int)chunkIndex].Hashes;
        return offset + MerkleHashing.HashSize <= hashes.Length ? hashes.AsSpan(offset, MerkleHashing.HashSize).ToArray() : null;
    }

    private static bool TryReadAnchors(string path, bool required, List<(AuditCheckpoint, bool)> heads, out string problem)
    {
        problem = "";
        if (!File.Exists(path))
        {
            problem = $"The anchor file '{path}' does not exist.";
            return !required;
        }

        try
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                heads.Add((AuditCheckpoint.Parse(line), true));
            }

            return true;
        }
        catch (FormatException)
        {
            problem = $"The anchor file '{path}' holds a line that is not a checkpoint.";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"The anchor file '{path}' cannot be read ({ex.GetType().Name}).";
            return false;
        }
    }

    private static AuditVerificationResult Fail(string code, string message, long? sequence) =>
        new() { Ok = false, Code = code, Message = message, FirstBadSequence = sequence, RootHash = "" };

    private AuditVerificationResult Finish(AuditVerificationResult result, MerkleTree tree, long entries, int checkpoints, int anchors, long lastSignedSize)
    {
        if (!result.Ok)
        {
            LogVerificationFailed(logger, result.Code!, result.FirstBadSequence);
        }

        return result with
        {
            EntriesChecked = entries,
            TreeSize = tree.Size,
            RootHash = Convert.ToHexStringLower(tree.GetRoot(tree.Size)),
            CheckpointsChecked = checkpoints,
            AnchorsChecked = anchors,
            UnsignedEntries = Math.Max(0, entries - lastSignedSize),
        };
    }

    [LoggerMessage(EventId = 2522, Level = LogLevel.Warning, Message = "The audit_verified event could not be recorded ({Code})")]
    private static partial void LogEventFailed(ILogger logger, string code);

    [LoggerMessage(EventId = 2520, Level = LogLevel.Information, Message = "Audit trail verified: {Entries} entries, {Checkpoints} checkpoints, {Anchors} anchors")]
    private static partial void LogVerified(ILogger logger, long entries, int checkpoints, int anchors);

    [LoggerMessage(EventId = 2521, Level = LogLevel.Warning, Message = "Audit trail verification failed with {Code} at sequence {Sequence}")]
    private static partial void LogVerificationFailed(ILogger logger, string code, long? sequence);
}
