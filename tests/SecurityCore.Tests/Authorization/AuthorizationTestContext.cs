using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Authorization;

/// <summary>The permission check and role service over a real LiteDB store, a fake clock and recorded events.</summary>
internal sealed class AuthorizationTestContext : IDisposable
{
    private readonly StoreContext _store = new();
    private int _next;

    public AuthorizationTestContext(RoleOptions? options = null)
    {
        Options = options ?? new RoleOptions();
        Users = new LiteDbUserRepository(_store.Store);
        Clients = new LiteDbClientRepository(_store.Store);
        CustomRoles = new LiteDbRoleRepository(_store.Store);
        Catalog = new RoleCatalog(Microsoft.Extensions.Options.Options.Create(Options), CustomRoles);
        Checker = new PermissionChecker(Users, Clients, Catalog, Microsoft.Extensions.Options.Options.Create(Options), Events, Time, NullLogger<PermissionChecker>.Instance);
        Roles = new RoleService(Users, Clients, CustomRoles, Catalog, Checker, Events, Time, NullLogger<RoleService>.Instance);
    }

    public RoleOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public RecordingSecurityEventSink Events { get; } = new();

    public LiteDbUserRepository Users { get; }

    public LiteDbClientRepository Clients { get; }

    public LiteDbRoleRepository CustomRoles { get; }

    public RoleCatalog Catalog { get; }

    public PermissionChecker Checker { get; }

    public RoleService Roles { get; }

    /// <summary>Stores a user with <paramref name="roles"/>; answers its id.</summary>
    public string AddUser(string username, string[] roles, string status = AccountStatuses.Active)
    {
        var id = $"usr_{Interlocked.Increment(ref _next):D4}";
        Assert.True(Users.TryInsert(new StoredUser
        {
            Id = id,
            Username = username,
            PasswordHash = "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            Roles = roles,
            Status = status,
            CreatedAt = Time.GetUtcNow(),
            UpdatedAt = Time.GetUtcNow(),
        }));
        return id;
    }

    /// <summary>Stores a client with <paramref name="roles"/>; answers its id.</summary>
    public string AddClient(string clientId, string[] roles, bool enabled = true)
    {
        Assert.True(Clients.TryInsert(new StoredClient { ClientId = clientId, SecretHash = "sha256:" + new string('0', 64), Roles = roles, Enabled = enabled }));
        return clientId;
    }

    public void Dispose() => _store.Dispose();
}
