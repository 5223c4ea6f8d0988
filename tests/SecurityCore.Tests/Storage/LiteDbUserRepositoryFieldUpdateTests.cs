using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbUserRepositoryFieldUpdateTests : IDisposable
{
    private static readonly DateTimeOffset Instant = new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.Zero).AddTicks(7654321);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbUserRepository Users => new(_context.Store);

    private LiteDbClientRepository Clients => new(_context.Store);

    private static StoredUser NewUser(string id, string username, string[] roles, string status = "active") => new()
    {
        Id = id,
        Username = username,
        DisplayName = "Kept",
        PasswordHash = "$argon2id$v=19$m=256,t=1,p=1$c2FsdA$aGFzaA",
        Roles = roles,
        Status = status,
        MustChangePassword = true,
        CreatedAt = Instant,
        UpdatedAt = Instant,
    };

    [Fact]
    public void UpdateRoles_ChangesRolesAndUpdatedAtOnly()
    {
        Users.TryInsert(NewUser("usr_1", "ann", ["developer"]));

        Assert.True(Users.UpdateRoles("usr_1", ["tech_lead", "qa_engineer"], Instant.AddDays(1)));
        _context.Reopen();
        var found = Users.FindById("usr_1")!;

        Assert.Equal(["tech_lead", "qa_engineer"], found.Roles);
        Assert.Equal(Instant.AddDays(1), found.UpdatedAt);
        Assert.Equal("Kept", found.DisplayName);
        Assert.True(found.MustChangePassword);
        Assert.Equal(Instant, found.CreatedAt);
        Assert.Equal("ann", found.Username);
        Assert.Equal(1, Users.CountWithRole("tech_lead"));
        Assert.Equal(0, Users.CountWithRole("developer"));
    }

    [Fact]
    public void UpdateRoles_UnknownUser_ReturnsFalse() => Assert.False(Users.UpdateRoles("usr_x", ["admin"], Instant));

    [Fact]
    public void UpdateLockout_SetsAndClearsTheLockoutFieldsOnly()
    {
        Users.TryInsert(NewUser("usr_1", "ann", ["developer"]));

        Assert.True(Users.UpdateLockout("usr_1", 3, Instant.AddMinutes(15)));
        var locked = Users.FindById("usr_1")!;
        Assert.Equal(3, locked.FailedLoginCount);
        Assert.Equal(Instant.AddMinutes(15), locked.LockedUntil);
        Assert.Equal(["developer"], locked.Roles);

        Assert.True(Users.UpdateLockout("usr_1", 0, null));
        _context.Reopen();
        var cleared = Users.FindById("usr_1")!;
        Assert.Equal(0, cleared.FailedLoginCount);
        Assert.Null(cleared.LockedUntil);
        Assert.Equal(Instant, cleared.UpdatedAt);
    }

    [Fact]
    public void CountWithRoleAndStatus_CountsOnlyThatStatus()
    {
        Users.TryInsert(NewUser("usr_1", "ann", ["admin"]));
        Users.TryInsert(NewUser("usr_2", "bob", ["admin", "developer"]));
        Users.TryInsert(NewUser("usr_3", "cid", ["admin"], "disabled"));
        Users.TryInsert(NewUser("usr_4", "dee", ["developer"]));

        Assert.Equal(2, Users.CountWithRoleAndStatus("admin", "active"));
        Assert.Equal(1, Users.CountWithRoleAndStatus("admin", "disabled"));
        Assert.Equal(3, Users.CountWithRole("admin"));
    }

    [Fact]
    public void ClientUpdateRoles_ChangesRolesOnly()
    {
        Clients.TryInsert(new StoredClient { ClientId = "bot", DisplayName = "Bot", SecretHash = "sha256:" + new string('a', 64), AllowedScopes = ["mcp"], CreatedAt = Instant });

        Assert.True(Clients.UpdateRoles("bot", ["qa_engineer"]));
        Assert.False(Clients.UpdateRoles("nobody", ["qa_engineer"]));
        var found = Clients.Find("bot")!;

        Assert.Equal(["qa_engineer"], found.Roles);
        Assert.Equal(["mcp"], found.AllowedScopes);
        Assert.Equal("sha256:" + new string('a', 64), found.SecretHash);
        Assert.Equal(Instant, found.CreatedAt);
    }
}
