using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Registers the embedded LiteDB store, the master key and the repositories.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the embedded LiteDB store, the master key and the repositories.</summary>
    /// <remarks>
    /// The data directory is locked when the store is first resolved (resolve <see cref="IStoreHealth"/> at start-up to fail
    /// fast). A host that locks the directory itself may register its <see cref="DataDirectoryLock"/> instance first.
    /// </remarks>
    public static IServiceCollection AddSecurityStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => DataDirectoryLock.Acquire(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory));
        services.TryAddSingleton(sp => MasterKey.Load(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.MasterKey,
            sp.GetRequiredService<DataDirectoryLock>()));
        services.TryAddSingleton<LiteDbStore>();
        services.TryAddSingleton<IStoreHealth>(sp => sp.GetRequiredService<LiteDbStore>());
        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();

        services.TryAddSingleton<IUserRepository, LiteDbUserRepository>();
        services.TryAddSingleton<IClientRepository, LiteDbClientRepository>();
        services.TryAddSingleton<ISigningKeyRepository, LiteDbSigningKeyRepository>();
        services.TryAddSingleton<IRefreshTokenRepository, LiteDbRefreshTokenRepository>();
        services.TryAddSingleton<IRevocationRepository, LiteDbRevocationRepository>();
        services.TryAddSingleton<ISecurityEventRepository, LiteDbSecurityEventRepository>();
        services.TryAddSingleton<ITwoFactorRepository, LiteDbTwoFactorRepository>();
        services.TryAddSingleton<IRoleRepository, LiteDbRoleRepository>();
        services.TryAddSingleton<IAuditKeyRepository, LiteDbAuditKeyRepository>();
        services.TryAddSingleton<IAuditRepository, LiteDbAuditRepository>();
        services.TryAddSingleton<IAuditQueryRepository, LiteDbAuditQueryRepository>();
        services.TryAddSingleton<IAuditCutRepository, LiteDbAuditCutRepository>();
        services.TryAddSingleton<ISessionRepository, LiteDbSessionRepository>();
        services.TryAddSingleton<IHandoffReportRepository, LiteDbHandoffReportRepository>();
        services.TryAddSingleton<IIncidentRepository, LiteDbIncidentRepository>();
        return services;
    }
}
