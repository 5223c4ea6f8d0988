using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>Registers attack detection, the incident store and the address block list.</summary>
public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the incident store (<see cref="IIncidentService"/>, the notifiers' queue, and the <see cref="IIncidentLookup"/> of the
    /// hand-off gates over it) and the address block list (<see cref="IAddressBlockList"/>: shared through Redis when
    /// <paramref name="redisSection"/> has a <c>Configuration</c>, else in memory), bound to <paramref name="section"/> (<c>Detection</c>).
    /// </summary>
    /// <remarks>Call before <c>AddSecurityMonitoring</c> so its event-based incident lookup does not win. Calling it twice is harmless.</remarks>
    public static IServiceCollection AddSecurityIncidents(this IServiceCollection services, IConfiguration section, IConfiguration redisSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(redisSection);
        services.AddOptions<DetectionOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DetectionOptions>>(new DetectionOptionsValidator(section)));
        services.AddOptions<RedisOptions>().Bind(redisSection);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecurityEventWindowReader, AuditTrailEventWindowReader>();
        services.TryAddSingleton<AddressAllowList>();
        services.TryAddSingleton<IncidentNotificationDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IncidentNotificationService>());
        services.TryAddSingleton<IncidentService>();
        services.TryAddSingleton<IIncidentService>(sp => sp.GetRequiredService<IncidentService>());
        services.TryAddSingleton<IIncidentLookup, IncidentStoreLookup>();
        services.TryAddSingleton<InMemoryAddressBlockList>();
        if (!string.IsNullOrWhiteSpace(redisSection[nameof(RedisOptions.Configuration)]))
        {
            services.TryAddSingleton<RedisConnection>();
            services.TryAddSingleton<RedisAddressBlockList>();
            services.TryAddSingleton<IAddressBlockList>(sp => sp.GetRequiredService<RedisAddressBlockList>());
        }
        else
        {
            services.TryAddSingleton<IAddressBlockList>(sp => sp.GetRequiredService<InMemoryAddressBlockList>());
        }

        return services;
    }

    /// <summary>Adds the attack detector (an <see cref="ISecurityEventObserver"/>), its automated responses and <see cref="IDetectionPipeline"/>, with the incident store.</summary>
    /// <remarks>Needs the security events (<c>AddSecurityEvents</c>); uses the identity lockout and sessions when registered. Calling it twice is harmless.</remarks>
    public static IServiceCollection AddSecurityDetection(this IServiceCollection services, IConfiguration section, IConfiguration redisSection)
    {
        services.AddSecurityIncidents(section, redisSection);
        services.TryAddSingleton<AutomatedResponder>();
        services.TryAddSingleton<AttackDetector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventObserver, AttackDetector>(sp => sp.GetRequiredService<AttackDetector>()));
        services.TryAddSingleton<SecurityEventDispatcher>();
        services.TryAddSingleton<IDetectionPipeline, DetectionPipeline>();
        return services;
    }
}
