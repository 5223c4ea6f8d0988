using McpSecurity.SecurityCore.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Alerting;

/// <summary>Registers the outbound incident channels.</summary>
public static class AlertingServiceCollectionExtensions
{
    /// <summary>Adds the PagerDuty Events API v2 notifier as an <see cref="IIncidentNotifier"/>, bound to <paramref name="pagerDutySection"/> (<c>Alerting:PagerDuty</c>).</summary>
    /// <remarks>Off unless <c>Alerting:PagerDuty:Enabled</c> is true. Calling it twice is harmless.</remarks>
    public static IServiceCollection AddSecurityAlerting(this IServiceCollection services, IConfiguration pagerDutySection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(pagerDutySection);

        // Binding and the named client are not TryAdd-able: add them only the first time.
        if (services.Any(d => d.ServiceType == typeof(PagerDutyIncidentNotifier)))
        {
            return services;
        }

        services.AddOptions<PagerDutyOptions>().Bind(pagerDutySection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PagerDutyOptions>, PagerDutyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PagerDutyIncidentNotifier.HttpClientName, client =>
            client.DefaultRequestHeaders.UserAgent.ParseAdd("McpSecurityServer-PagerDuty/1.0"));
        services.TryAddSingleton<PagerDutyIncidentNotifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncidentNotifier, PagerDutyIncidentNotifier>(sp => sp.GetRequiredService<PagerDutyIncidentNotifier>()));
        return services;
    }
}
