using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Registers two-factor authentication.</summary>
public static class TwoFactorServiceCollectionExtensions
{
    /// <summary>Adds TOTP, SMS backup codes and recovery codes, bound to the <c>TwoFactor</c> section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The <c>TwoFactor</c> configuration section.</param>
    /// <remarks>
    /// Needs storage and events. The SMS sender follows <c>TwoFactor:Sms:Provider</c> (<c>outbox</c> or <c>twilio</c>); an
    /// <see cref="ISmsSender"/> registered earlier wins (TryAdd), as does every other service here.
    /// </remarks>
    public static IServiceCollection AddSecurityTwoFactor(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<TwoFactorOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // A second call only adds the same timeout again: harmless.
        services.AddHttpClient(TwilioSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));

        services.TryAddSingleton<TwilioSmsSender>();
        services.TryAddSingleton<OutboxSmsSender>();
        services.TryAddSingleton<ISmsSender>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<TwoFactorOptions>>().Value.Sms.Provider, SmsProviders.Twilio, StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<TwilioSmsSender>()
                : sp.GetRequiredService<OutboxSmsSender>());
        services.TryAddSingleton<ITwoFactorService, TwoFactorService>();
        return services;
    }
}
