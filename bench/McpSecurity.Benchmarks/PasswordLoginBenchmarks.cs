using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Passwords and the full password login with the shipped Argon2id parameters (OWASP minimum: m = 19 MiB, t = 2,
/// p = 1): hash, verify, and <see cref="ITokenGrantService.PasswordAsync"/> end to end over the real LiteDB store
/// (user look-up, verification, session, access and refresh token, security events written); target under 100 ms.
/// Also the per-request session check of a user's token (idle and absolute timeout, activity recorded).
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *PasswordLogin* --job short</c>.</remarks>
[MemoryDiagnoser]
[MedianColumn]
public class PasswordLoginBenchmarks : IDisposable
{
    private const string Password = "quiet-lantern-47-meadow-river";
    private static readonly TokenRequestContext Context = new("192.0.2.10", "bench") { UserAgent = "bench" };
    private string _directory = "";
    private ServiceProvider _provider = null!;
    private IPasswordHasher _hasher = null!;
    private ITokenGrantService _grants = null!;
    private SessionTracker _sessions = null!;
    private string _hash = "";
    private ValidatedToken _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mcpsec-bench", Guid.NewGuid().ToString("N"));
        // Shipped defaults for hashing; nothing but the data directory is configured.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _directory,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSecurityCore(configuration);
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<ISigningKeyService>().EnsureActiveKey();
        _hasher = _provider.GetRequiredService<IPasswordHasher>();
        _grants = _provider.GetRequiredService<ITokenGrantService>();
        _sessions = _provider.GetRequiredService<SessionTracker>();
        _provider.GetRequiredService<IUserService>().CreateAsync("bench", Password, [], mustChangePassword: false).GetAwaiter().GetResult();
        _hash = _hasher.Hash(Password);
        var login = _grants.PasswordAsync("bench", Password, null, Context).GetAwaiter().GetResult().Tokens
            ?? throw new InvalidOperationException("The benchmark login failed.");
        _token = _provider.GetRequiredService<IAccessTokenValidator>().Validate(login.AccessToken).Token!;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _provider?.Dispose();
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

    [Benchmark(Description = "Argon2id hash (m=19 MiB, t=2, p=1)")]
    public string Hash() => _hasher.Hash(Password);

    [Benchmark(Description = "Argon2id verify (m=19 MiB, t=2, p=1)")]
    public PasswordVerification Verify() => _hasher.Verify(_hash, Password);

    [Benchmark(Description = "Password login end to end (LiteDB)")]
    public async Task<bool> Login() => (await _grants.PasswordAsync("bench", Password, null, Context)).Succeeded;

    [Benchmark(Description = "Password login, unknown user (dummy verify)")]
    public async Task<bool> LoginUnknownUser() => (await _grants.PasswordAsync("nobody-at-all", Password, null, Context)).Succeeded;

    [Benchmark(Description = "Session check of a user's token (cached)")]
    public bool SessionCheck() => _sessions.Check(_token) is null;
}
