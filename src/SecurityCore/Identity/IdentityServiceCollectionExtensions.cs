using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Registers users, clients, password hashing and policy, lockout, and first-run bootstrap.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>Adds users, clients, password hashing and policy, and first-run bootstrap.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>Bootstrap</c> configuration section.</param>
    /// <remarks>
    /// <see cref="PasswordHashingOptions"/> and <see cref="PasswordPolicyOptions"/> are bound from the sections
    /// <c>Identity:PasswordHashing</c> and <c>Identity:PasswordPolicy</c> (and <see cref="LockoutOptions"/> from
    /// <c>Identity:Lockout</c>) of the application's <see cref="IConfiguration"/>
    /// when the container has one (every .NET host registers it); otherwise their secure defaults apply.
    /// Needs storage, events and the token service's <c>ISigningKeyService</c>.
    /// </remarks>
    public static IServiceCollection AddSecurityIdentity(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<BootstrapOptions>().Bind(section).ValidateOnStart();
        services.AddOptions<PasswordHashingOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(PasswordHashingOptions.SectionName).Bind(options));
        services.AddOptions<PasswordPolicyOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(PasswordPolicyOptions.SectionName).Bind(options));
        services.AddOptions<LockoutOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(LockoutOptions.SectionName).Bind(options));
        return services.AddIdentityServices();
    }

    /// <summary>Adds users, clients, password hashing and policy, and first-run bootstrap, with explicit sections.</summary>
    /// <param name="services">The services.</param>
    /// <param name="bootstrapSection">The <c>Bootstrap</c> configuration section.</param>
    /// <param name="identitySection">The <c>Identity</c> configuration section (holding <c>PasswordHashing</c> and <c>PasswordPolicy</c>).</param>
    public static IServiceCollection AddSecurityIdentity(this IServiceCollection services, IConfiguration bootstrapSection, IConfiguration identitySection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bootstrapSection);
        ArgumentNullException.ThrowIfNull(identitySection);

        services.AddOptions<BootstrapOptions>().Bind(bootstrapSection).ValidateOnStart();
        services.AddOptions<PasswordHashingOptions>().Bind(identitySection.GetSection("PasswordHashing"));
        services.AddOptions<PasswordPolicyOptions>().Bind(identitySection.GetSection("PasswordPolicy"));
        services.AddOptions<LockoutOptions>().Bind(identitySection.GetSection("Lockout"));
        return services.AddIdentityServices();
    }

    private static IServiceCollection AddIdentityServices(this IServiceCollection services)
    {
        services.AddOptions<PasswordHashingOptions>().ValidateOnStart();
        services.AddOptions<PasswordPolicyOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasswordHashingOptions>, PasswordHashingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasswordPolicyOptions>, PasswordPolicyOptionsValidator>());
        services.AddOptions<LockoutOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LockoutOptions>, LockoutOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IPasswordHasher, Argon2idPasswordHasher>();
        services.TryAddSingleton<IPasswordPolicy, PasswordPolicy>();
        services.TryAddSingleton<AccountLockout>();
        services.TryAddSingleton<IAccountLockout>(sp => sp.GetRequiredService<AccountLockout>());
        services.TryAddSingleton<IUserService, UserService>();
        services.TryAddSingleton<IClientService, ClientService>();
        services.TryAddSingleton<IBootstrapService, BootstrapService>();
        return services;
    }
}
