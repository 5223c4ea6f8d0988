using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Monitoring;

/// <summary>Registers the Prometheus endpoint's services.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MetricsOptions"/> bound to <paramref name="section"/> (validated at start) and the exporter.</summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MetricsOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.TryAddSingleton(sp => new MetricsNetworks(sp.GetRequiredService<IOptions<MetricsOptions>>().Value));
        services.TryAddSingleton<PrometheusMeterBridge>();
        return services;
    }
}
