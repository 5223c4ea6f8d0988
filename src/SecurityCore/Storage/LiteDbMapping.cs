using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>The one <see cref="BsonMapper"/> of the store: snake_case fields, exact strings, exact instants.</summary>
internal static class LiteDbMapping
{
    /// <summary>Creates the mapper (a private instance; <see cref="BsonMapper.Global"/> is never touched).</summary>
    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper
        {
            // LiteDB trims strings and turns "" into null by default; stored values must come back exactly as written.
            TrimWhitespace = false,
            EmptyStringToNull = false,
            SerializeNullValues = false,
            EnumAsInteger = false,
        };
        mapper.UseLowerCaseDelimiter('_');

        // LiteDB's built-in DateTimeOffset mapping goes through BSON DateTime, which keeps only milliseconds. Revocation
        // "not before" instants are compared with token times, so store exact UTC ticks (Int64) and read them back as UTC.
        mapper.RegisterType<DateTimeOffset>(value => new BsonValue(value.UtcTicks), bson => FromTicks(bson));

        mapper.Entity<StoredUser>().Id(x => x.Id, autoId: false);
        mapper.Entity<StoredClient>().Id(x => x.ClientId, autoId: false);
        mapper.Entity<StoredSigningKey>().Id(x => x.KeyId, autoId: false);
        mapper.Entity<StoredRefreshToken>().Id(x => x.TokenHash, autoId: false);
        mapper.Entity<RevocationEntry>().Id(x => x.Id, autoId: false);
        mapper.Entity<StoredTwoFactorEnrollment>().Id(x => x.UserId, autoId: false);
        mapper.Entity<StoredRole>().Id(x => x.Name, autoId: false);
        mapper.Entity<StoredAuditKey>().Id(x => x.KeyId, autoId: false);
        mapper.Entity<StoredAuditEntry>().Id(x => x.Sequence, autoId: false);
        mapper.Entity<StoredAuditLeafChunk>().Id(x => x.Index, autoId: false);
        mapper.Entity<StoredAuditCheckpoint>().Id(x => x.TreeSize, autoId: false);
        mapper.Entity<StoredAuditCut>().Id(x => x.FirstRetainedSequence, autoId: false);
        mapper.Entity<StoredSession>().Id(x => x.Id, autoId: false);
        mapper.Entity<StoredHandoffReport>().Id(x => x.ReportId, autoId: false);
        mapper.Entity<StoredIncident>().Id(x => x.Id, autoId: false);
        return mapper;
    }

    /// <summary>Converts an instant to the stored representation (for queries).</summary>
    public static BsonValue ToBson(DateTimeOffset value) => new(value.UtcTicks);

    private static DateTimeOffset FromTicks(BsonValue bson) => bson.Type switch
    {
        BsonType.Int64 or BsonType.Int32 => new DateTimeOffset(bson.AsInt64, TimeSpan.Zero),
        // Tolerate documents written with LiteDB's default mapping.
        BsonType.DateTime => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"Stored instant has unexpected BSON type {bson.Type}."),
    };
}
