using System.Text;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Writes an export: a fresh signed checkpoint first, then the entries it covers, then the bundle line.</summary>
internal sealed class AuditExportService(
    IAuditTrail trail,
    IAuditRepository repository,
    IAuditQueryRepository queries,
    IAuditSigner signer,
    ISecretProtector protector,
    ISecurityEventSink events,
    TimeProvider timeProvider) : IAuditExportService
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly AuditEntryCodec _codec = new(protector);

    /// <inheritdoc />
    public async Task<AuditExportSummary> ExportAsync(Stream output, AuditExportRequest request, ActingPrincipal exporter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exporter);
        if (request.From is { } f && request.To is { } t && f >= t)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The export field 'from' must be earlier than 'to'.");
        }

        await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
        var checkpoint = await trail.CheckpointAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new SecurityException(SecurityErrorCodes.AuditEntryNotFound, "The audit trail is empty: there is nothing to export.");
        var size = checkpoint.TreeSize;
        var start = request.From is { } from ? queries.FirstSequenceAtOrAfter(from) ?? size + 1 : 1;

        long count = 0, first = 0, last = 0;
        string firstPrev = AuditEntryCanonicalForm.GenesisHash, lastHash = AuditEntryCanonicalForm.GenesisHash;
        foreach (var stored in repository.ReadFrom(start))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stored.Sequence > size || (request.To is { } to && stored.Timestamp >= to))
            {
                break;
            }

            if (request.MaxEntries is { } max && count >= max)
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed,
                    $"The range holds more than {max} entries: narrow it with from/to, or use the command line (audit export --out FILE), which has no limit.");
            }

            var canonical = AuditEntryCanonicalForm.Build(stored, _codec.Decrypt(stored));
            await output.WriteAsync(canonical, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                first = stored.Sequence;
                firstPrev = stored.PrevHash;
            }

            count++;
            last = stored.Sequence;
            lastHash = stored.EntryHash;
        }

        AuditProofPath? Proof(long sequence) => count == 0 ? null
            : new AuditProofPath(sequence - 1, size, [.. trail.GetInclusionProof(sequence, size).Select(Convert.ToHexStringLower)]);

        var bundle = AuditExportFormat.Bundle(count, first, last, firstPrev, lastHash, checkpoint, signer.GetPublicKeys(),
            Proof(first), Proof(last), timeProvider.GetUtcNow(), request);
        await output.WriteAsync(Encoding.UTF8.GetBytes(bundle), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AuditExported,
            OccurredAt = timeProvider.GetUtcNow(),
            SubjectId = exporter.Id,
            Address = exporter.Address,
            RequestId = exporter.RequestId,
            Target = "audit_trail",
            Details = new Dictionary<string, string>
            {
                ["count"] = AuditExportFormat.Count(count),
                ["first_sequence"] = AuditExportFormat.Count(first),
                ["last_sequence"] = AuditExportFormat.Count(last),
                ["tree_size"] = AuditExportFormat.Count(size),
            },
        }, cancellationToken).ConfigureAwait(false);
        return new AuditExportSummary(count, first, last, checkpoint);
    }
}
