using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddSecurityStorage_Resolved_OpensTheStoreInTheConfiguredDirectory()
    {
        var directory = _temp.PathOf("data");
        await using var provider = Build(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory });

        var health = provider.GetRequiredService<IStoreHealth>();
        var protector = provider.GetRequiredService<ISecretProtector>();

        Assert.True(health.IsOpen);
        Assert.Equal(directory, health.DataDirectory);
        Assert.True(File.Exists(Path.Combine(directory, "security.db")));
        Assert.True(File.Exists(Path.Combine(directory, "master.key")));
        Assert.Equal([1, 2, 3], protector.Unprotect(protector.Protect([1, 2, 3], "p"), "p"));
        Assert.NotNull(provider.GetRequiredService<IUserRepository>());
        Assert.NotNull(provider.GetRequiredService<IClientRepository>());
        Assert.NotNull(provider.GetRequiredService<ISigningKeyRepository>());
        Assert.NotNull(provider.GetRequiredService<IRefreshTokenRepository>());
        Assert.NotNull(provider.GetRequiredService<IRevocationRepository>());
    }

    [Fact]
    public async Task AddSecurityStorage_ProviderDisposed_ReleasesTheDirectory()
    {
        var directory = _temp.PathOf("data");
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        IStoreHealth health;
        await using (var provider = Build(settings))
        {
            health = provider.GetRequiredService<IStoreHealth>();
        }

        Assert.False(health.IsOpen);
        await using var again = Build(settings);
        Assert.True(again.GetRequiredService<IStoreHealth>().IsOpen);
    }

    [Fact]
    public async Task AddSecurityStorage_BadMasterKey_FailsNamingTheKey()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _temp.PathOf("data"),
            ["Storage:MasterKey"] = "dG9vIHNob3J0",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStoreHealth>());
        Assert.Contains("Storage:MasterKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dG9vIHNob3J0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecurityStorage_CalledTwice_RegistersEachServiceOnce()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddSecurityStorage(configuration.GetSection("Storage"));
        services.AddSecurityStorage(configuration.GetSection("Storage"));

        Assert.Single(services, d => d.ServiceType == typeof(IStoreHealth));
        Assert.Single(services, d => d.ServiceType == typeof(IRefreshTokenRepository));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<StorageOptions>));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecurityStorage(configuration.GetSection(StorageOptions.SectionName));
        return services.BuildServiceProvider();
    }
}
