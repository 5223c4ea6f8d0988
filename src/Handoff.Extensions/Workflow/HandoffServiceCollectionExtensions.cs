using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>Registers the hand-off workflow.</summary>
public static class HandoffServiceCollectionExtensions
{
    /// <summary>Adds the hand-off workflow (<see cref="IHandoffWorkflow"/>) and its options.</summary>
    /// <remarks>Needs SecurityCore's storage and security events (<c>AddSecurityCore</c>). Calling it twice is harmless.</remarks>
    public static IServiceCollection AddHandoff(this IServiceCollection services, Action<HandoffWorkflowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HandoffWorkflowOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffWorkflowOptions>, HandoffWorkflowOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHandoffWorkflow, HandoffWorkflowService>();
        return services;
    }
}
