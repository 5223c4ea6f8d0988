using McpSecurity.SecurityCore.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Registers the rate limiter and its store.</summary>
public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the rate limiter bound to <paramref name="section"/> (<c>RateLimiting</c>, reloaded with the configuration) and
    /// its store: Redis when <paramref name="redisSection"/> (<c>Redis</c>) has a <c>Configuration</c>, else in memory.
    /// </summary>
    /// <remarks>Needs security events. Bad options stop the host at start, naming the key; a bad reload keeps the policies in force.</remarks>
    public static IServiceCollection AddSecurityRateLimiting(this IServiceCollection services, IConfiguration section, IConfiguration redisSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(redisSection);

        // Binding never throws (problems are recorded and refused by the validator), so a bad reload cannot break the monitor.
        services.AddOptions<RateLimitingOptions>().Configure(options => RateLimitingOptionsBinder.Bind(section, options));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<RateLimitingOptions>>(
            new ConfigurationChangeTokenSource<RateLimitingOptions>(Options.DefaultName, section)));
        services.AddOptions<RateLimitingOptions>(RateLimitingOptionsValidator.StartupCheck)
            .Configure(options => RateLimitingOptionsBinder.Bind(section, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>());

        services.AddOptions<RedisOptions>().Bind(redisSection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<InMemoryRateLimitStore>();
        services.TryAddSingleton<RedisRateLimitStore>();
        var redisConfigured = !string.IsNullOrWhiteSpace(redisSection[nameof(RedisOptions.Configuration)]);
        if (redisConfigured)
        {
            services.TryAddSingleton<IRateLimitStore>(sp => sp.GetRequiredService<RedisRateLimitStore>());
            services.TryAddSingleton<IRateLimitStoreHealth>(sp => sp.GetRequiredService<RedisRateLimitStore>());
            // Runtime overrides are shared too: stored in Redis, announced on a channel, loaded by every instance at start.
            services.TryAddSingleton<IRateLimitOverrideStore, RedisRateLimitOverrideStore>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RateLimitOverrideSyncService>());
        }
        else
        {
            services.TryAddSingleton<IRateLimitStore>(sp => sp.GetRequiredService<InMemoryRateLimitStore>());
            services.TryAddSingleton<IRateLimitStoreHealth>(sp => sp.GetRequiredService<InMemoryRateLimitStore>());
        }

        services.TryAddSingleton<RateLimitBypassAuditor>();
        services.TryAddSingleton<RateLimitExceededAuditor>();
        services.TryAddSingleton<IRateLimiter, RateLimiter>();
        services.TryAddSingleton<IRateLimitPolicyOverrides>(sp => sp.GetRequiredService<IRateLimiter>() as IRateLimitPolicyOverrides
            ?? throw new InvalidOperationException("The registered IRateLimiter takes no runtime overrides."));
        return services;
    }
}
