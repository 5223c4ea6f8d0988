using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecurity.SecurityCore.Events;

/// <summary>Registers the security event pipeline.</summary>
public static class SecurityEventServiceCollectionExtensions
{
    /// <summary>Adds the security event pipeline (stored in LiteDB until the audit trail replaces it).</summary>
    /// <remarks>Needs the store from <c>AddSecurityStorage</c>. A sink or reader registered earlier wins (TryAdd).</remarks>
    public static IServiceCollection AddSecurityEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<StoredSecurityEventSink>();
        services.TryAddSingleton<ISecurityEventSink>(sp => sp.GetRequiredService<StoredSecurityEventSink>());
        services.TryAddSingleton<ISecurityEventReader>(sp => sp.GetRequiredService<StoredSecurityEventSink>());
        return services;
    }
}
