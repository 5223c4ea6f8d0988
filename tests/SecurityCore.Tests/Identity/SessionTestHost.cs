using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Identity;

/// <summary>SecurityCore as the host composes it (real LiteDB store) on a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class SessionTestHost : IDisposable
{
    public const string Password = "quiet-lantern-47-meadow";
    public static readonly TokenRequestContext Context = new("192.0.2.10", "req-sessions") { UserAgent = "TestAgent/1.0" };

    private readonly TempDirectory _temp;
    private readonly bool _ownsTemp;

    public SessionTestHost(IDictionary<string, string?>? settings = null, TempDirectory? temp = null, FakeTimeProvider? time = null)
    {
        _ownsTemp = temp is null;
        _temp = temp ?? new TempDirectory();
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _temp.PathOf("data"),
            ["Identity:PasswordHashing:MemoryKiB"] = "256",
            ["Identity:PasswordHashing:Iterations"] = "1",
            ["TwoFactor:Enforce"] = "false",
            ["Tokens:AccessTokenLifetime"] = "02:00:00",
        };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            values[pair.Key] = pair.Value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
        services.AddSecurityCore(configuration);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public TempDirectory Temp => _temp;

    public ITokenGrantService Grants => Provider.GetRequiredService<ITokenGrantService>();

    public IAccessTokenValidator Validator => Provider.GetRequiredService<IAccessTokenValidator>();

    public ISessionService Sessions => Provider.GetRequiredService<ISessionService>();

    public IAccountService Accounts => Provider.GetRequiredService<IAccountService>();

    public IUserService Users => Provider.GetRequiredService<IUserService>();

    public async Task<UserAccount> CreateUserAsync(string username, params string[] roles) =>
        await Users.CreateAsync(username, Password, roles, mustChangePassword: false);

    public async Task<TokenResponse> LoginAsync(string username, string password = Password)
    {
        var result = await Grants.PasswordAsync(username, password, null, Context);
        Assert.True(result.Tokens is not null, result.ErrorCode);
        return result.Tokens!;
    }

    public static ActingPrincipal As(string id) => ActingPrincipal.Subject(id, "192.0.2.20", "req-admin");

    public void Dispose()
    {
        Provider.Dispose();
        if (_ownsTemp)
        {
            _temp.Dispose();
        }
    }
}
