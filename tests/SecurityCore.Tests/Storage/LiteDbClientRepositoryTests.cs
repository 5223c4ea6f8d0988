using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbClientRepositoryTests : IDisposable
{
    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbClientRepository Repository => new(_context.Store);

    [Fact]
    public void TryInsert_ThenFind_RoundTripsEveryFieldAcrossRestart()
    {
        var created = DateTimeOffset.UtcNow;
        Assert.True(Repository.TryInsert(new StoredClient
        {
            ClientId = "agent-1",
            DisplayName = "Build agent",
            SecretHash = "sha256:" + new string('a', 64),
            AllowedScopes = ["mcp", "tokens:issue"],
            Roles = ["agent"],
            Enabled = false,
            CreatedAt = created,
        }));

        _context.Reopen();
        var found = Repository.Find("agent-1");

        Assert.NotNull(found);
        Assert.Equal("Build agent", found.DisplayName);
        Assert.Equal("sha256:" + new string('a', 64), found.SecretHash);
        Assert.Equal(["mcp", "tokens:issue"], found.AllowedScopes);
        Assert.Equal(["agent"], found.Roles);
        Assert.False(found.Enabled);
        Assert.Equal(created, found.CreatedAt);
    }

    [Fact]
    public void TryInsert_TakenId_ReturnsFalse()
    {
        Assert.True(Repository.TryInsert(Client("svc")));

        Assert.False(Repository.TryInsert(Client("svc")));
    }

    [Fact]
    public void Find_IdsDifferingInCase_AreDistinctClients()
    {
        Assert.True(Repository.TryInsert(Client("Agent")));
        Assert.True(Repository.TryInsert(Client("agent")));

        Assert.Equal("Agent", Repository.Find("Agent")!.ClientId);
        Assert.Equal("agent", Repository.Find("agent")!.ClientId);
        Assert.Null(Repository.Find("AGENT"));
    }

    [Fact]
    public void GetAll_ListsEveryClientOrderedById()
    {
        Repository.TryInsert(Client("b"));
        Repository.TryInsert(Client("a"));

        Assert.Equal(["a", "b"], Repository.GetAll().Select(c => c.ClientId));
    }

    private static StoredClient Client(string id) => new() { ClientId = id, SecretHash = "sha256:" + new string('0', 64) };
}
