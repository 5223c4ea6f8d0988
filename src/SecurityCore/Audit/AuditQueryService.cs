using System.Globalization;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Walks the most selective composite index the filter allows (target, then actor, then type, else time), newest first,
/// and applies the other filters to what it reads. The cursor is the index key of the last entry read plus the trail size
/// at the first page: entries appended meanwhile never shift, repeat or join a later page.
/// </summary>
/// <remarks>
/// A walk reads at most <see cref="ScanBudget"/> entries per page; a rare free-text term may thus answer a short (even
/// empty) page with a next cursor, so that one request never scans the whole trail.
/// </remarks>
internal sealed class AuditQueryService(
    IAuditQueryRepository repository,
    IAuditTrail trail,
    ISecretProtector protector,
    AuditReadRecorder reads) : IAuditQueryService
{
    /// <summary>The most entries one page reads.</summary>
    public const int ScanBudget = 20_000;

    private static readonly string[] Outcomes = [SecurityEventOutcomes.Success, SecurityEventOutcomes.Failure, SecurityEventOutcomes.Info];

    private readonly AuditEntryCodec _codec = new(protector);

    /// <inheritdoc />
    public async Task<AuditQueryPage> QueryAsync(AuditQuery query, ActingPrincipal reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(reader);
        var page = await SearchAsync(query, cancellationToken).ConfigureAwait(false);
        var filter = AuditReadRecorder.Describe(query);
        await reads.RecordAsync(reader, "query", filter, cancellationToken).ConfigureAwait(false);
        return page;
    }

    /// <summary>Runs the search without recording a read (for callers that record their own).</summary>
    internal async Task<AuditQueryPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var limit = Validate(query);
        var filterHash = AuditQueryCursor.HashFilter(query);
        var cursor = query.Cursor is null ? null : AuditQueryCursor.Decode(query.Cursor, filterHash);
        long asOf;
        if (cursor is null)
        {
            // Read-your-writes: events published before the query are in it.
            await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
            asOf = trail.GetTreeHead().TreeSize;
        }
        else
        {
            asOf = cursor.AsOfSequence;
        }

        var (index, value) = query.Target is not null ? (AuditQueryIndex.Target, query.Target)
            : query.Actor is not null ? (AuditQueryIndex.Subject, query.Actor)
            : query.Type is not null ? (AuditQueryIndex.Type, query.Type)
            : (AuditQueryIndex.Time, (string?)null);
        var before = cursor?.AfterKey
            ?? (query.To is { } to ? repository.PrefixOf(index, value) + to.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) : null);
        var fromTicks = query.From?.UtcTicks ?? 0;
        var includeReads = string.Equals(query.Type, SecurityEventTypes.AuditRead, StringComparison.Ordinal);

        var entries = new List<AuditEntry>(limit);
        var scanned = 0;
        var exhausted = false;
        string? lastKey = null;
        var batch = Math.Min(ScanBudget, Math.Max(64, limit * 2));
        while (entries.Count < limit && scanned < ScanBudget)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = Math.Min(batch, ScanBudget - scanned);
            var rows = repository.Read(new AuditQueryRange(index, value, fromTicks, before, size));
            foreach (var (key, stored) in rows)
            {
                scanned++;
                lastKey = key;
                if (Matches(query, stored, asOf, includeReads, out var entry))
                {
                    entries.Add(entry);
                    if (entries.Count == limit)
                    {
                        break;
                    }
                }
            }

            if (entries.Count == limit)
            {
                break;
            }

            if (rows.Count < size)
            {
                exhausted = true;
                break;
            }

            before = lastKey;
            // Secondary filters are dropping rows: read larger batches.
            batch = Math.Min(ScanBudget, batch * 2);
        }

        var next = exhausted || lastKey is null ? null : new AuditQueryCursor(lastKey, asOf, filterHash).Encode();
        return new AuditQueryPage(entries, next, asOf, scanned);
    }

    private bool Matches(AuditQuery query, StoredAuditEntry stored, long asOf, bool includeReads, out AuditEntry entry)
    {
        entry = null!;
        if (stored.Sequence > asOf
            || (query.From is { } from && stored.Timestamp < from)
            || (query.To is { } to && stored.Timestamp >= to)
            || (query.Type is not null && !string.Equals(stored.Type, query.Type, StringComparison.Ordinal))
            || (!includeReads && string.Equals(stored.Type, SecurityEventTypes.AuditRead, StringComparison.Ordinal))
            || (query.Actor is not null && !string.Equals(stored.SubjectId, query.Actor, StringComparison.Ordinal))
            || (query.Outcome is not null && !string.Equals(stored.Outcome, query.Outcome, StringComparison.Ordinal))
            || (query.Target is not null && !string.Equals(stored.Target, query.Target, StringComparison.Ordinal)))
        {
            return false;
        }

        entry = _codec.ToEntry(stored);
        return query.Text is not { } text || MatchesText(entry, text);
    }

    private static bool MatchesText(AuditEntry entry, string text)
    {
        static bool Has(string? field, string text) => field is not null && field.Contains(text, StringComparison.OrdinalIgnoreCase);

        return Has(entry.Type, text) || Has(entry.Outcome, text) || Has(entry.Actor.SubjectId, text) || Has(entry.Actor.ClientId, text)
            || Has(entry.Actor.Address, text) || Has(entry.Actor.AuthenticationMethod, text) || Has(entry.Target, text)
            || Has(entry.ReasonCode, text) || Has(entry.RequestId, text) || Has(entry.EventId, text)
            || entry.Actor.Roles.Any(r => Has(r, text))
            || entry.Details.Any(d => Has(d.Key, text) || Has(d.Value, text));
    }

    private static int Validate(AuditQuery query)
    {
        if (query.Limit is { } requested && (requested < 1 || requested > AuditQuery.MaxLimit))
        {
            throw Invalid("limit", $"must be between 1 and {AuditQuery.MaxLimit}");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw Invalid("from", "must be earlier than to");
        }

        CheckValue("actor", query.Actor);
        CheckValue("type", query.Type);
        CheckValue("target", query.Target);
        CheckValue("cursor", query.Cursor, 4096);
        if (query.Outcome is not null && !Outcomes.Contains(query.Outcome, StringComparer.Ordinal))
        {
            throw Invalid("outcome", $"must be one of {string.Join(", ", Outcomes)}");
        }

        if (query.Text is not null && (query.Text.Trim().Length == 0 || query.Text.Length > AuditQuery.MaxTextLength))
        {
            throw Invalid("text", $"must be 1 to {AuditQuery.MaxTextLength} characters, not blank");
        }

        return query.Limit ?? AuditQuery.DefaultLimit;
    }

    private static void CheckValue(string field, string? value, int max = AuditQuery.MaxValueLength)
    {
        if (value is not null && (value.Length == 0 || value.Length > max))
        {
            throw Invalid(field, $"must be 1 to {max} characters");
        }
    }

    private static SecurityException Invalid(string field, string problem) =>
        new(SecurityErrorCodes.ValidationFailed, $"The audit query field '{field}' {problem}.");
}
