using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbRoleRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Created = new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.Zero).AddTicks(1234567);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbRoleRepository Repository => new(_context.Store);

    [Fact]
    public void TryInsert_ThenFindAfterRestart_RoundTripsEveryField()
    {
        Assert.True(Repository.TryInsert(new StoredRole { Name = "auditor", Description = "Reads", Permissions = ["audit:read", "audit:export"], CreatedAt = Created, CreatedBy = "usr_1" }));
        _context.Reopen();

        var found = Repository.Find("auditor");

        Assert.NotNull(found);
        Assert.Equal("Reads", found.Description);
        Assert.Equal(["audit:read", "audit:export"], found.Permissions);
        Assert.Equal(Created, found.CreatedAt);
        Assert.Equal("usr_1", found.CreatedBy);
        Assert.Null(Repository.Find("Auditor"));
    }

    [Fact]
    public void TryInsert_TakenName_ReturnsFalse()
    {
        Assert.True(Repository.TryInsert(new StoredRole { Name = "auditor", Permissions = ["audit:read"] }));

        Assert.False(Repository.TryInsert(new StoredRole { Name = "auditor", Permissions = ["audit:export"] }));
        Assert.Equal(["audit:read"], Repository.Find("auditor")!.Permissions);
    }

    [Fact]
    public void GetAll_OrdersByName()
    {
        Repository.TryInsert(new StoredRole { Name = "zeta", Permissions = ["audit:read"] });
        Repository.TryInsert(new StoredRole { Name = "alpha", Permissions = ["audit:read"] });

        Assert.Equal(["alpha", "zeta"], Repository.GetAll().Select(r => r.Name));
    }
}
