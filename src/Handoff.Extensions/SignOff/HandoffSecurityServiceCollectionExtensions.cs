using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>Registers the Phase 7 hand-off security: sign-off with 2FA and gates, and the enhanced report builder.</summary>
public static class HandoffSecurityServiceCollectionExtensions
{
    /// <summary>Adds the workflow (<see cref="IHandoffWorkflow"/>), <see cref="IHandoffSignOffService"/> and <see cref="IHandoffReportBuilder"/>,
    /// the sign-off policy bound to <paramref name="section"/> (<c>Handoff:SignOff</c>) when given.</summary>
    /// <remarks>Needs SecurityCore (<c>AddSecurityCore</c>). Calling it twice is harmless.</remarks>
    public static IServiceCollection AddHandoffSecurity(this IServiceCollection services, IConfiguration? section = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HandoffSignOffOptions>().ValidateOnStart();
        if (section is not null)
        {
            options.Bind(section);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffSignOffOptions>, HandoffSignOffOptionsValidator>());
        // One workflow instance serves both the interface and the sign-off, which calls its internal MutateAsync.
        services.TryAddSingleton<HandoffWorkflowService>();
        services.TryAddSingleton<IHandoffWorkflow>(sp => sp.GetRequiredService<HandoffWorkflowService>());
        services.AddHandoff();
        services.AddSecurityMonitoring();
        services.TryAddSingleton<IHandoffSignOffService, HandoffSignOffService>();
        services.TryAddSingleton<IHandoffReportBuilder, HandoffReportBuilder>();
        return services;
    }
}
