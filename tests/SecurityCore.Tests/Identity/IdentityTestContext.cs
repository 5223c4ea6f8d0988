using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Identity;

/// <summary>Identity services over a real LiteDB store, with cheap Argon2id parameters, captured logs and events.</summary>
internal sealed class IdentityTestContext : IDisposable
{
    /// <summary>Cheap parameters that keep the suite fast; the default ones are tested once in the hasher tests.</summary>
    public static PasswordHashingOptions FastHashing() => new() { MemoryKiB = 256, Iterations = 1, Parallelism = 1 };

    private readonly StoreContext _store = new();
    private readonly ILoggerFactory _loggerFactory;

    public IdentityTestContext(PasswordHashingOptions? hashing = null, BootstrapOptions? bootstrap = null)
    {
        _loggerFactory = Logs.CreateFactory();
        Users = new LiteDbUserRepository(_store.Store);
        Clients = new LiteDbClientRepository(_store.Store);
        HashingOptions = hashing ?? FastHashing();
        Hasher = new Argon2idPasswordHasher(Options.Create(HashingOptions), _loggerFactory.CreateLogger<Argon2idPasswordHasher>());
        Policy = new PasswordPolicy(Options.Create(new PasswordPolicyOptions()));
        UserService = new UserService(Users, Hasher, Policy, Events, Time, _loggerFactory.CreateLogger<UserService>());
        ClientService = new ClientService(Clients, Events, Time);
        Bootstrap = new BootstrapService(SigningKeys, Users, UserService, Policy, Options.Create(bootstrap ?? new BootstrapOptions()),
            _store.Lock, Events, Time, _loggerFactory.CreateLogger<BootstrapService>());
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingSecurityEventSink Events { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public FakeSigningKeyService SigningKeys { get; } = new();

    public PasswordHashingOptions HashingOptions { get; }

    public LiteDbUserRepository Users { get; }

    public LiteDbClientRepository Clients { get; }

    public Argon2idPasswordHasher Hasher { get; }

    public PasswordPolicy Policy { get; }

    public UserService UserService { get; }

    public ClientService ClientService { get; }

    public BootstrapService Bootstrap { get; }

    public DataDirectoryLock DataDirectory => _store.Lock;

    public LiteDbStore Store => _store.Store;

    public ILoggerFactory LoggerFactory => _loggerFactory;

    public void Dispose()
    {
        Bootstrap.Dispose();
        _loggerFactory.Dispose();
        _store.Dispose();
    }
}
