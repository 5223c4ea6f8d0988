using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Registers the computing services of hand-off security: windowed event reads, metrics, address reputation, signer scores, and the incident and compliance seams.</summary>
public static class MonitoringServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISecurityEventWindowReader"/>, <see cref="ISecurityMetricsCalculator"/>, <see cref="IAddressReputationService"/>,
    /// <see cref="ISignerSecurityScorer"/>, <see cref="IIncidentLookup"/> and <see cref="IComplianceStatusLookup"/>.</summary>
    /// <remarks>Needs the audit trail, identity and two-factor services. Calling it twice is harmless; services registered earlier win.</remarks>
    public static IServiceCollection AddSecurityMonitoring(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecurityEventWindowReader, AuditTrailEventWindowReader>();
        services.TryAddSingleton<ISecurityMetricsCalculator, SecurityMetricsCalculator>();
        services.TryAddSingleton<IAddressReputationService, AddressReputationService>();
        services.TryAddSingleton<ISignerSecurityScorer, SignerSecurityScorer>();
        services.TryAddSingleton<IIncidentLookup, SecurityEventIncidentLookup>();
        services.TryAddSingleton<IComplianceStatusLookup, NoComplianceRuns>();
        services.AddMetrics();
        services.TryAddSingleton<SecurityMetrics>();
        return services;
    }
}
