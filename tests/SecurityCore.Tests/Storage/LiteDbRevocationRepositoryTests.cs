using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbRevocationRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(7);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbRevocationRepository Repository => new(_context.Store);

    [Fact]
    public void Upsert_ThenGetAll_SurvivesRestartWithExactInstants()
    {
        Repository.Upsert(Entry(RevocationKind.AccessToken, "jti-1", Now.AddMinutes(15)));
        Repository.Upsert(Entry(RevocationKind.Subject, "usr_1", Now.AddDays(1)));
        Repository.Upsert(Entry(RevocationKind.SigningKey, "kid-1", Now.AddHours(1)));

        _context.Reopen();
        var entries = Repository.GetAll().OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["AccessToken:jti-1", "SigningKey:kid-1", "Subject:usr_1"], entries.Select(e => e.Id));
        Assert.Equal(RevocationKind.Subject, entries[2].Kind);
        Assert.Equal("usr_1", entries[2].Value);
        Assert.Equal(Now, entries[2].RevokedAt);
        Assert.Equal(Now.AddDays(1), entries[2].ExpiresAt);
    }

    [Fact]
    public void Upsert_SameKindAndValue_ReplacesTheEntry()
    {
        Repository.Upsert(Entry(RevocationKind.Subject, "usr_1", Now.AddDays(1)));

        var later = Entry(RevocationKind.Subject, "usr_1", Now.AddDays(2));
        later.RevokedAt = Now.AddHours(1);
        Repository.Upsert(later);

        var entry = Assert.Single(Repository.GetAll());
        Assert.Equal(Now.AddHours(1), entry.RevokedAt);
        Assert.Equal(Now.AddDays(2), entry.ExpiresAt);
    }

    [Fact]
    public void Upsert_ValuesDifferingInCase_AreDistinctEntries()
    {
        Repository.Upsert(Entry(RevocationKind.AccessToken, "AbC", Now.AddDays(1)));
        Repository.Upsert(Entry(RevocationKind.AccessToken, "abc", Now.AddDays(1)));

        Assert.Equal(2, Repository.GetAll().Count);
    }

    [Fact]
    public void DeleteExpired_RemovesOnlyEntriesExpiredBeforeNow()
    {
        Repository.Upsert(Entry(RevocationKind.AccessToken, "gone", Now.AddTicks(-1)));
        Repository.Upsert(Entry(RevocationKind.AccessToken, "edge", Now));
        Repository.Upsert(Entry(RevocationKind.Session, "live", Now.AddDays(1)));

        Assert.Equal(1, Repository.DeleteExpired(Now));

        Assert.Equal(["AccessToken:edge", "Session:live"], Repository.GetAll().Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    private static RevocationEntry Entry(RevocationKind kind, string value, DateTimeOffset expiresAt) =>
        new() { Kind = kind, Value = value, RevokedAt = Now, ExpiresAt = expiresAt };
}
