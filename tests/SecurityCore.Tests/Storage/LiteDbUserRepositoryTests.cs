using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbUserRepositoryTests : IDisposable
{
    // Sub-millisecond ticks and a non-UTC offset: the instant must come back exactly.
    private static readonly DateTimeOffset Created = new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1234567);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbUserRepository Repository => new(_context.Store);

    [Fact]
    public void TryInsert_ThenFind_RoundTripsEveryField()
    {
        var user = NewUser("usr_1", "Alice");
        user.DisplayName = "  Alice Example  ";
        user.MustChangePassword = true;
        user.RequiresSecondFactor = true;
        user.Status = "locked";

        Assert.True(Repository.TryInsert(user));
        _context.Reopen();
        var found = Repository.FindById("usr_1");

        Assert.NotNull(found);
        Assert.Equal("alice", found.Username);
        Assert.Equal("  Alice Example  ", found.DisplayName);
        Assert.Equal("$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA", found.PasswordHash);
        Assert.Equal(["admin", "architect"], found.Roles);
        Assert.True(found.MustChangePassword);
        Assert.True(found.RequiresSecondFactor);
        Assert.Equal("locked", found.Status);
        Assert.Equal(Created, found.CreatedAt);
        Assert.Equal(Created.UtcTicks, found.CreatedAt.UtcTicks);
        Assert.Equal(Created.AddDays(1), found.UpdatedAt);
    }

    [Fact]
    public void FindByUsername_AnyCase_FindsTheUser()
    {
        Repository.TryInsert(NewUser("usr_1", "bob"));

        Assert.Equal("usr_1", Repository.FindByUsername("BOB")?.Id);
        Assert.Null(Repository.FindByUsername("bobby"));
    }

    [Fact]
    public void TryInsert_TakenUsernameInOtherCase_ReturnsFalse()
    {
        Assert.True(Repository.TryInsert(NewUser("usr_1", "carol")));

        Assert.False(Repository.TryInsert(NewUser("usr_2", "Carol")));
        Assert.Null(Repository.FindById("usr_2"));
    }

    [Fact]
    public void TryInsert_TakenId_ReturnsFalse()
    {
        Assert.True(Repository.TryInsert(NewUser("usr_1", "dave")));

        Assert.False(Repository.TryInsert(NewUser("usr_1", "erin")));
    }

    [Fact]
    public void Update_Existing_ReplacesIt()
    {
        var user = NewUser("usr_1", "frank");
        Repository.TryInsert(user);
        user.PasswordHash = "new";
        user.MustChangePassword = false;

        Repository.Update(user);

        Assert.Equal("new", Repository.FindById("usr_1")!.PasswordHash);
    }

    [Fact]
    public void Update_Missing_ThrowsNotFound()
    {
        var refusal = Assert.Throws<SecurityException>(() => Repository.Update(NewUser("usr_x", "ghost")));

        Assert.Equal(SecurityErrorCodes.NotFound, refusal.Code);
    }

    [Fact]
    public void CountWithRole_CountsUsersHoldingTheRole()
    {
        Assert.Equal(0, Repository.CountWithRole("admin"));
        Repository.TryInsert(NewUser("usr_1", "one"));
        var reader = NewUser("usr_2", "two");
        reader.Roles = ["reader"];
        Repository.TryInsert(reader);
        Repository.TryInsert(NewUser("usr_3", "three"));

        Assert.Equal(2, Repository.CountWithRole("admin"));
        Assert.Equal(1, Repository.CountWithRole("reader"));
        Assert.Equal(0, Repository.CountWithRole("Admin"));
    }

    private static StoredUser NewUser(string id, string username) => new()
    {
        Id = id,
        Username = username,
        PasswordHash = "$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA",
        Roles = ["admin", "architect"],
        CreatedAt = Created,
        UpdatedAt = Created.AddDays(1),
    };
}
