using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

/// <summary>
/// The permission check (target under 100 ns): a cached subject holding the permission, a cached subject lacking it,
/// and a miss that resolves the subject's roles from the LiteDB store.
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *PermissionCheck* --job short</c>.</remarks>
[MemoryDiagnoser]
public class PermissionCheckBenchmarks : IDisposable
{
    private const string UserId = "usr_0123456789abcdef0123456789abcdef";
    private string _directory = "";
    private DataDirectoryLock _lock = null!;
    private LiteDbStore _store = null!;
    private PermissionChecker _checker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mcpsec-bench", Guid.NewGuid().ToString("N"));
        _lock = DataDirectoryLock.Acquire(_directory);
        _store = new LiteDbStore(_lock, NullLogger<LiteDbStore>.Instance);
        var users = new LiteDbUserRepository(_store);
        users.TryInsert(new StoredUser
        {
            Id = UserId,
            Username = "bench",
            PasswordHash = "unused",
            Roles = [Roles.TechLead, Roles.QaEngineer],
        });
        var options = Options.Create(new RoleOptions());
        var catalog = new RoleCatalog(options, new LiteDbRoleRepository(_store));
        _checker = new PermissionChecker(users, new LiteDbClientRepository(_store), catalog, options, new BenchStores(),
            TimeProvider.System, NullLogger<PermissionChecker>.Instance);
        _ = _checker.Check(UserId, Permissions.AuditRead);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _store?.Dispose();
        _lock?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not matter.
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "Check, cached, allowed")]
    public bool CheckAllowed() => _checker.Check(UserId, Permissions.AuditRead).IsAllowed;

    [Benchmark(Description = "Check, cached, denied")]
    public bool CheckDenied() => _checker.Check(UserId, Permissions.KeysRotate).IsAllowed;

    [Benchmark(Description = "Check after invalidation (store read)")]
    public bool CheckUncached()
    {
        _checker.Invalidate(UserId);
        return _checker.Check(UserId, Permissions.AuditRead).IsAllowed;
    }
}
