using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>Registers the Clerk integration bridge.</summary>
public static class ClerkServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> used for Clerk's JWKS and Backend API.</summary>
    public const string HttpClientName = "McpSecurity.Clerk";

    /// <summary>Adds the Clerk bridge (<see cref="IClerkBridge"/>): session verification, Backend API client, user sync, webhooks.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>Clerk</c> configuration section.</param>
    /// <remarks>
    /// Off unless <c>Clerk:Enabled</c> is true (then validated at start-up). Needs storage, events and the identity
    /// services' password hasher; uses the token service's <c>ITokenRevocationService</c> when registered, to end the
    /// sessions of users deleted or banned at Clerk.
    /// </remarks>
    public static IServiceCollection AddSecurityClerk(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        // Binding, start-up validation and the named client are not TryAdd-able: add them only the first time.
        if (services.Any(d => d.ServiceType == typeof(ClerkJwksProvider)))
        {
            return services;
        }

        services.AddOptions<ClerkOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClerkOptions>, ClerkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, (sp, client) =>
        {
            client.Timeout = sp.GetRequiredService<IOptions<ClerkOptions>>().Value.HttpTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("McpSecurityServer-ClerkBridge/1.0");
        });

        services.TryAddSingleton<ClerkJwksProvider>();
        services.TryAddSingleton<ClerkSessionVerifier>();
        services.TryAddSingleton<IClerkBackendClient, ClerkBackendClient>();
        services.TryAddSingleton<ClerkRoleMapper>();
        services.TryAddSingleton<ClerkUserSync>();
        services.TryAddSingleton<SvixWebhookVerifier>();
        services.TryAddSingleton<ClerkBridge>();
        services.TryAddSingleton<IClerkBridge>(sp => MeteredClerkBridge.Wrap(sp.GetRequiredService<ClerkBridge>(), sp.GetService<SecurityMetrics>()));
        return services;
    }
}
