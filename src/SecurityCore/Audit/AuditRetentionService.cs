using System.Globalization;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// A checkpointed cut: the oldest run of entries older than the retention period is removed, and a record signed with the
/// audit key names the first retained sequence, the removed entries' root and the last removed hash (the next
/// <c>prev_hash</c>). The removed entries' Merkle leaves (hashes only) stay, so every checkpoint and proof still holds.
/// </summary>
/// <remarks>Cuts move in whole leaf chunks (1024 entries): an entry whose leaf is not yet in a completed chunk stays until it is.</remarks>
internal sealed partial class AuditRetentionService(
    IAuditTrail trail,
    IAuditRepository repository,
    IAuditCutRepository cuts,
    IAuditSigner signer,
    ISecurityEventSink events,
    IOptions<AuditRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<AuditRetentionService> logger) : IAuditRetentionService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Releases the gate.</summary>
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    public async Task<AuditRetentionResult> CutAsync(ActingPrincipal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            var cutoff = now - options.Value.Period;
            await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
            var size = trail.GetTreeHead().TreeSize;
            var start = cuts.GetLatest()?.FirstRetainedSequence ?? 1;
            long lastRemoved = 0;
            var lastHash = "";
            // The newest entry always stays (the trail's next sequence and last hash are read from it), and only entries whose
            // Merkle leaves sit in completed leaf chunks may go: the leaves of the tail live in the entries themselves.
            var limit = Math.Min(size - 1, size / StoredAuditLeafChunk.Size * StoredAuditLeafChunk.Size);
            foreach (var stored in repository.ReadFrom(start))
            {
                if (stored.Sequence > limit || stored.Timestamp >= cutoff)
                {
                    break;
                }

                lastRemoved = stored.Sequence;
                lastHash = stored.EntryHash;
            }

            if (lastRemoved == 0)
            {
                return new AuditRetentionResult(0, start, cutoff);
            }

            var cut = new StoredAuditCut
            {
                FirstRetainedSequence = lastRemoved + 1,
                PrevHash = lastHash,
                RootHash = Convert.ToHexStringLower(trail.GetRoot(lastRemoved)),
                Cutoff = cutoff,
                Timestamp = now,
                Algorithm = signer.Algorithm,
                KeyId = signer.CurrentKeyId,
                Signature = "",
            };
            cut.Signature = signer.Sign(AuditCutRecord.GetSignedBytes(cut)).Value;
            var removed = cuts.Apply(cut);
            LogCut(logger, removed, cut.FirstRetainedSequence);
            await events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.AuditRetentionCut,
                OccurredAt = now,
                SubjectId = actor.Id,
                Address = actor.Address,
                RequestId = actor.RequestId,
                Target = "audit_trail",
                Details = new Dictionary<string, string>
                {
                    ["removed"] = removed.ToString(CultureInfo.InvariantCulture),
                    ["first_retained_sequence"] = cut.FirstRetainedSequence.ToString(CultureInfo.InvariantCulture),
                    ["cutoff"] = AuditCheckpoint.FormatTimestamp(cutoff),
                    ["root_hash"] = cut.RootHash,
                },
            }, cancellationToken).ConfigureAwait(false);
            return new AuditRetentionResult(removed, cut.FirstRetainedSequence, cutoff);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 2550, Level = LogLevel.Information, Message = "Audit retention cut: {Removed} entries removed; the trail now starts at {FirstRetained}")]
    private static partial void LogCut(ILogger logger, long removed, long firstRetained);
}
