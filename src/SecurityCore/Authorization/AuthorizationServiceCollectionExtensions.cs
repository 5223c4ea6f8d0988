using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>Registers the permission check, the role map and the role service.</summary>
public static class AuthorizationServiceCollectionExtensions
{
    /// <summary>Adds the permission check, the role map (bound from <paramref name="section"/>, <c>Identity:Roles</c>) and the role service.</summary>
    /// <remarks>Needs storage and events. The role map is validated at start: an unknown permission stops the host, naming the key.</remarks>
    public static IServiceCollection AddSecurityAuthorization(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<RoleOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoleOptions>, RoleOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RoleCatalog>();
        services.TryAddSingleton<IPermissionChecker, PermissionChecker>();
        services.TryAddSingleton<IRoleService, RoleService>();
        return services;
    }
}
