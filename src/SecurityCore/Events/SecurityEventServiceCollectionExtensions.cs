using McpSecurity.SecurityCore.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace McpSecurity.SecurityCore.Events;

/// <summary>Registers the security event pipeline.</summary>
public static class SecurityEventServiceCollectionExtensions
{
    /// <summary>Adds the security event pipeline: every event is appended to the tamper-evident audit trail.</summary>
    /// <remarks>Needs the store from <c>AddSecurityStorage</c>; adds the audit trail with default options unless <c>AddSecurityAudit</c> binds its section. A sink or reader registered earlier wins (TryAdd).</remarks>
    public static IServiceCollection AddSecurityEvents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSecurityAuditServices();
        services.TryAddSingleton<SecurityEventDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SecurityEventDispatchService>());
        services.TryAddSingleton<StoredSecurityEventSink>();
        services.TryAddSingleton<ISecurityEventSink>(sp => sp.GetRequiredService<StoredSecurityEventSink>());
        services.TryAddSingleton<ISecurityEventReader>(sp => sp.GetRequiredService<StoredSecurityEventSink>());
        return services;
    }
}
