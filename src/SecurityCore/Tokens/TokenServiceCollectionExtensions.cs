using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Registers the JWT service: key ring, issuer, validator with cache, refresh tokens, revocation and grants.</summary>
public static class TokenServiceCollectionExtensions
{
    /// <summary>Adds the JWT service: key ring, issuer, validator with cache, refresh tokens, revocation and grants.</summary>
    /// <remarks>
    /// Binds <see cref="TokenOptions"/> to <paramref name="section"/> and validates it at start-up. Needs the storage
    /// repositories, <c>ISecretProtector</c>, identity services and an <c>ISecurityEventSink</c>. Calling it twice is harmless.
    /// </remarks>
    public static IServiceCollection AddSecurityTokens(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<TokenOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<TokenEventPublisher>();
        services.TryAddSingleton<SigningKeyService>();
        services.TryAddSingleton<ISigningKeyService>(sp => sp.GetRequiredService<SigningKeyService>());
        services.TryAddSingleton<ITokenRevocationService, TokenRevocationService>();
        services.TryAddSingleton<AccessTokenIssuer>();
        services.TryAddSingleton<IAccessTokenIssuer>(sp => MeteredAccessTokenIssuer.Wrap(sp.GetRequiredService<AccessTokenIssuer>(), sp.GetService<SecurityMetrics>()));
        services.TryAddSingleton<AccessTokenValidator>();
        services.TryAddSingleton<IAccessTokenValidator>(sp => MeteredAccessTokenValidator.Wrap(sp.GetRequiredService<AccessTokenValidator>(), sp.GetService<SecurityMetrics>()));
        services.TryAddSingleton<RefreshTokenService>();
        services.TryAddSingleton<MfaChallengeStore>();
        services.TryAddSingleton<TokenGrantService>();
        services.TryAddSingleton<ITokenGrantService>(sp => MeteredTokenGrantService.Wrap(sp.GetRequiredService<TokenGrantService>(), sp.GetService<SecurityMetrics>()));


        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TokenMaintenanceService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRotationService>());
        return services;
    }
}
