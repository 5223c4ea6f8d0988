using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Registers login sessions (timeouts, listing, revocation) and user management.</summary>
public static class SessionServiceCollectionExtensions
{
    /// <summary>Adds session tracking with its timeouts, <see cref="ISessionService"/> and <see cref="IAccountService"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>Identity:Sessions</c> configuration section.</param>
    /// <remarks>
    /// Needs storage, identity, the token service and authorization. Once added, the token validator and the refresh grant
    /// enforce the idle and absolute timeouts. Calling it twice is harmless.
    /// </remarks>
    public static IServiceCollection AddSecuritySessions(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SessionTimeoutOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionTimeoutOptions>, SessionTimeoutOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SessionTracker>();
        services.TryAddSingleton<ISessionService, SessionService>();
        services.TryAddSingleton<IAccountService, AccountService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionActivityService>());
        return services;
    }
}
