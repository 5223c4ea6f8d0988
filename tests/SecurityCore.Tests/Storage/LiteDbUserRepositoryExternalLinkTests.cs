using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbUserRepositoryExternalLinkTests : IDisposable
{
    private static readonly DateTimeOffset Linked = new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(7654321);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbUserRepository Repository => new(_context.Store);

    [Fact]
    public void TryInsert_WithEmailAndLink_RoundTripsEveryFieldAcrossRestart()
    {
        var user = NewUser("usr_1", "ada", "clerk", "user_2mQ8vR3kTz9LwXbN4pY7cJ1eHsA");
        user.Email = "ada@example.org";
        user.External!.GrantedRoles = ["security_reviewer", "tech_lead"];
        user.External.OrganizationRole = "admin";
        user.External.ProfileUpdatedAt = Linked.AddMinutes(5);
        user.External.SuspendedByProvider = true;

        Assert.True(Repository.TryInsert(user));
        _context.Reopen();
        var found = Repository.FindById("usr_1");

        Assert.NotNull(found);
        Assert.Equal("ada@example.org", found.Email);
        Assert.NotNull(found.External);
        Assert.Equal("clerk", found.External.Provider);
        Assert.Equal("user_2mQ8vR3kTz9LwXbN4pY7cJ1eHsA", found.External.Subject);
        Assert.Equal(Linked, found.External.LinkedAt);
        Assert.Equal(Linked.UtcTicks, found.External.LinkedAt.UtcTicks);
        Assert.Equal(["security_reviewer", "tech_lead"], found.External.GrantedRoles);
        Assert.Equal("admin", found.External.OrganizationRole);
        Assert.Equal(Linked.AddMinutes(5).UtcTicks, found.External.ProfileUpdatedAt?.UtcTicks);
        Assert.True(found.External.SuspendedByProvider);
    }

    [Fact]
    public void TryInsert_WithoutLink_ReadsBackNullLinkAndEmail()
    {
        Repository.TryInsert(NewUser("usr_1", "local", null, null));
        _context.Reopen();

        var found = Repository.FindById("usr_1")!;

        Assert.Null(found.External);
        Assert.Null(found.Email);
    }

    [Fact]
    public void FindByExternalId_MatchesProviderAndIdExactly()
    {
        Repository.TryInsert(NewUser("usr_1", "one", "clerk", "user_abc"));
        Repository.TryInsert(NewUser("usr_2", "two", "other", "user_def"));
        Repository.TryInsert(NewUser("usr_3", "three", null, null));
        Repository.TryInsert(NewUser("usr_4", "four", null, null));

        Assert.Equal("usr_1", Repository.FindByExternalId("clerk", "user_abc")?.Id);
        Assert.Equal("usr_2", Repository.FindByExternalId("other", "user_def")?.Id);
        Assert.Null(Repository.FindByExternalId("clerk", "user_def"));
        Assert.Null(Repository.FindByExternalId("other", "user_abc"));
        Assert.Null(Repository.FindByExternalId("clerk", "USER_ABC"));
        Assert.Null(Repository.FindByExternalId("Clerk", "user_abc"));
    }

    [Fact]
    public void FindByExternalId_AfterUpdateAndRestart_StillFindsTheUser()
    {
        var user = NewUser("usr_1", "one", "clerk", "user_abc");
        Repository.TryInsert(user);
        user.DisplayName = "Renamed";
        Repository.Update(user);
        _context.Reopen();

        var found = Repository.FindByExternalId("clerk", "user_abc");

        Assert.Equal("Renamed", found?.DisplayName);
    }

    [Fact]
    public void EnsureIndexes_UsersCollection_IndexesTheExternalSubject()
    {
        var indexes = _context.Store.Database.GetCollection("$indexes").Find(LiteDB.Query.EQ("collection", "users")).Select(d => d["name"].AsString);

        Assert.Contains("external_subject", indexes);
    }

    private static StoredUser NewUser(string id, string username, string? provider, string? subject) => new()
    {
        Id = id,
        Username = username,
        PasswordHash = "$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA",
        CreatedAt = Linked,
        UpdatedAt = Linked,
        External = provider is null ? null : new StoredExternalLink { Provider = provider, Subject = subject!, LinkedAt = Linked },
    };
}
