using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class IdentityServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddSecurityIdentity_FullPipeline_BootstrapsThroughRealStoreAndNeverLogsThePassword()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Identity:PasswordHashing:MemoryKiB"] = "256",
            ["Identity:PasswordHashing:Iterations"] = "1",
        });
        await using var provider = Build(configuration, services => services.AddSecurityIdentity(configuration.GetSection("Bootstrap")));

        Assert.Equal(256, provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.MemoryKiB);
        var result = await provider.GetRequiredService<IBootstrapService>().EnsureInitializedAsync();
        var users = provider.GetRequiredService<IUserService>();
        var login = await users.AuthenticateAsync("admin", result.GeneratedPassword!);
        await users.AuthenticateAsync("admin", "wrong password for the log");
        await users.ChangePasswordAsync("admin", result.GeneratedPassword!, "another operator passphrase here");

        Assert.True(login.User!.MustChangePassword);
        Assert.StartsWith("$argon2id$v=19$m=256,t=1,p=1$", provider.GetRequiredService<IUserRepository>().FindByUsername("admin")!.PasswordHash, StringComparison.Ordinal);
        var recorded = await provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10);
        Assert.Equal(
            [SecurityEventTypes.PasswordChanged, SecurityEventTypes.LoginFailed, SecurityEventTypes.BootstrapAdminCreated, SecurityEventTypes.UserCreated],
            recorded.Select(e => e.Type));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("bootstrap_admin_created", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedPassword!, _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("another operator passphrase", _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password for the log", _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityIdentity_ExplicitIdentitySection_BindsHashingAndPolicy()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Identity:PasswordHashing:MemoryKiB"] = "512",
            ["Identity:PasswordPolicy:MinimumLength"] = "20",
            ["Identity:PasswordPolicy:PrivilegedMinimumLength"] = "24",
            ["Bootstrap:AdminUser"] = "chief",
        });
        await using var provider = Build(configuration, services =>
            services.AddSecurityIdentity(configuration.GetSection("Bootstrap"), configuration.GetSection("Identity")), registerConfiguration: false);

        Assert.Equal(512, provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value.MemoryKiB);
        Assert.Equal(20, provider.GetRequiredService<IOptions<PasswordPolicyOptions>>().Value.MinimumLength);
        Assert.Equal("chief", provider.GetRequiredService<IOptions<BootstrapOptions>>().Value.AdminUser);
    }

    [Fact]
    public async Task AddSecurityIdentity_InvalidHashingOption_FailsNamingTheKey()
    {
        var configuration = Configuration(new Dictionary<string, string?> { ["Identity:PasswordHashing:Iterations"] = "0" });
        await using var provider = Build(configuration, services => services.AddSecurityIdentity(configuration.GetSection("Bootstrap")));

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PasswordHashingOptions>>().Value);
        Assert.Contains("Identity:PasswordHashing:Iterations", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityIdentity_CalledTwice_RegistersEachServiceOnce()
    {
        var configuration = Configuration([]);
        var services = new ServiceCollection();
        services.AddSecurityIdentity(configuration.GetSection("Bootstrap"));
        services.AddSecurityIdentity(configuration.GetSection("Bootstrap"));
        services.AddSecurityEvents();
        services.AddSecurityEvents();

        Assert.Single(services, d => d.ServiceType == typeof(IUserService));
        Assert.Single(services, d => d.ServiceType == typeof(IPasswordHasher));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<PasswordHashingOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(ISecurityEventSink));
        await Task.CompletedTask;
    }

    private IConfigurationRoot Configuration(Dictionary<string, string?> values)
    {
        values["Storage:DataDirectory"] = _temp.PathOf("data");
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private ServiceProvider Build(IConfigurationRoot configuration, Action<IServiceCollection> addIdentity, bool registerConfiguration = true)
    {
        var services = new ServiceCollection();
        if (registerConfiguration)
        {
            services.AddSingleton<IConfiguration>(configuration);
        }

        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSingleton<ISigningKeyService, FakeSigningKeyService>();
        services.AddSecurityStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddSecurityEvents();
        addIdentity(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
