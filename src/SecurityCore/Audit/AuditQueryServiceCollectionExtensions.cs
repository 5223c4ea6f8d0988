using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Registers audit query, proofs, export and retention.</summary>
public static class AuditQueryServiceCollectionExtensions
{
    /// <summary>Adds the audit query, proof, export and retention services, retention bound to <paramref name="retentionSection"/> (<c>AuditRetention</c>).</summary>
    /// <remarks>Needs <c>AddSecurityStorage</c>, <c>AddSecurityAudit</c> and <c>AddSecurityEvents</c>. The scheduled cut is a hosted service. Calling it twice is harmless.</remarks>
    public static IServiceCollection AddSecurityAuditQuery(this IServiceCollection services, IConfiguration retentionSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(retentionSection);
        services.AddOptions<AuditRetentionOptions>().Bind(retentionSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditRetentionOptions>, AuditRetentionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditReadRecorder>();
        services.TryAddSingleton<IAuditQueryService, AuditQueryService>();
        services.TryAddSingleton<IAuditProofService, AuditProofService>();
        services.TryAddSingleton<IAuditExportService, AuditExportService>();
        services.TryAddSingleton<IAuditRetentionService, AuditRetentionService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, AuditRetentionHostedService>());
        return services;
    }
}
