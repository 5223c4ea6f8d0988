using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Registers the tamper-evident audit trail, its signer and its verifier.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds the audit signer, the audit trail and its verifier, bound to <paramref name="section"/> (<c>Audit</c>).</summary>
    /// <remarks>Needs the store from <c>AddSecurityStorage</c>. Calling it twice is harmless; services registered earlier win.</remarks>
    public static IServiceCollection AddSecurityAudit(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<AuditOptions>().Bind(section);
        return services.AddSecurityAuditServices();
    }

    /// <summary>Adds the audit services with default options unless a section is bound elsewhere (the event pipeline needs them).</summary>
    internal static IServiceCollection AddSecurityAuditServices(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuditSigner, EcdsaAuditSigner>();
        services.AddHttpClient(AuditAnchorExporter.HttpClientName);
        services.TryAddSingleton<AuditRedactionPolicy>();
        services.TryAddSingleton<AuditAnchorExporter>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        services.TryAddSingleton<IAuditVerifier, AuditVerifier>();
        return services;
    }
}
