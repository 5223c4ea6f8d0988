using System.Globalization;
using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// The composite expression indexes of <c>audit_entries</c> (<c>q_time</c>, <c>q_type</c>, <c>q_subject</c>, <c>q_target</c>;
/// they replace the single-field timestamp, subject and target indexes)
/// and the range walks over them. A walk is one LiteDB index range in descending key order with a limit, so a page
/// reads only the entries it returns (plus those a further filter drops), whatever the size of the trail.
/// </summary>
/// <remarks>
/// Values longer than <see cref="MaxValueLength"/> characters are indexed by their prefix (LiteDB keys are limited to about
/// 1 KB, and an oversized key would make the append fail); callers compare the full value after reading.
/// </remarks>
internal sealed class LiteDbAuditQueryRepository(LiteDbStore store) : IAuditQueryRepository
{
    /// <summary>The number of leading characters of a value that the index holds.</summary>
    public const int MaxValueLength = 200;

    private static readonly string[] Superseded = ["timestamp", "subject_id", "target"];

    private const string Digits = "FORMAT($.timestamp, 'D19') + '|' + FORMAT($._id, 'D19')";

    private static readonly Dictionary<AuditQueryIndex, (string Name, string Expression)> Indexes = new()
    {
        [AuditQueryIndex.Time] = ("q_time", Digits),
        [AuditQueryIndex.Type] = ("q_type", Field("type")),
        [AuditQueryIndex.Subject] = ("q_subject", Field("subject_id")),
        [AuditQueryIndex.Target] = ("q_target", Field("target")),
    };

    /// <summary>Creates the composite indexes (called when the store opens).</summary>
    public static void EnsureIndexes(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var entries = database.GetCollection<StoredAuditEntry>(LiteDbCollections.AuditEntries);
        foreach (var (name, expression) in Indexes.Values)
        {
            entries.EnsureIndex(name, BsonExpression.Create(expression), unique: false);
        }

        // The composite indexes supersede the single-field ones of earlier versions; every index costs each append a
        // skip-list walk, so the superseded ones are dropped (indexes are derived data: nothing signed or hashed changes).
        foreach (var superseded in Superseded)
        {
            entries.DropIndex(superseded);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Key, StoredAuditEntry Entry)> Read(AuditQueryRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var (_, expression) = Indexes[range.Index];
        var prefix = PrefixOf(range.Index, range.Value);
        var low = prefix + D19(range.FromTicks);
        // ':' sorts right after '9': the upper end of every key with this prefix.
        var high = range.BeforeKey ?? prefix + ":";
        var collection = store.Collection<StoredAuditEntry>(LiteDbCollections.AuditEntries);
        var key = BsonExpression.Create(expression);
        var rows = collection.Query()
            .Where(BsonExpression.Create($"{expression} BETWEEN @0 AND @1", new BsonValue(low), new BsonValue(high)))
            .OrderByDescending(key)
            .Limit(range.Batch + 1)
            .ToList();
        var result = new List<(string, StoredAuditEntry)>(rows.Count);
        foreach (var entry in rows)
        {
            var entryKey = KeyOf(range.Index, entry);
            // BETWEEN is inclusive: the cursor's own row is read again and dropped here.
            if (string.CompareOrdinal(entryKey, high) >= 0 || string.CompareOrdinal(entryKey, low) < 0)
            {
                continue;
            }

            result.Add((entryKey, entry));
            if (result.Count == range.Batch)
            {
                break;
            }
        }

        return result;
    }

    /// <inheritdoc />
    public long? FirstSequenceAtOrAfter(DateTimeOffset from)
    {
        var collection = store.Collection<StoredAuditEntry>(LiteDbCollections.AuditEntries);
        var first = collection.Query()
            .Where(BsonExpression.Create($"{Digits} BETWEEN @0 AND @1", new BsonValue(D19(from.UtcTicks)), new BsonValue(":")))
            .OrderBy(BsonExpression.Create(Digits))
            .Limit(1)
            .FirstOrDefault();
        return first?.Sequence;
    }

    /// <inheritdoc />
    public string KeyOf(AuditQueryIndex index, StoredAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var value = index switch
        {
            AuditQueryIndex.Type => entry.Type,
            AuditQueryIndex.Subject => entry.SubjectId,
            AuditQueryIndex.Target => entry.Target,
            _ => null,
        };
        return PrefixOf(index, value) + D19(entry.Timestamp.UtcTicks) + "|" + D19(entry.Sequence);
    }

    /// <inheritdoc />
    public string PrefixOf(AuditQueryIndex index, string? value) => index == AuditQueryIndex.Time
        ? ""
        : (value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value ?? "") + "|";

    private static string Field(string name) =>
        $"IIF(LENGTH($.{name}) > {MaxValueLength}, SUBSTRING($.{name}, 0, {MaxValueLength}), $.{name}) + '|' + {Digits}";

    private static string D19(long value) => value.ToString("D19", CultureInfo.InvariantCulture);
}
