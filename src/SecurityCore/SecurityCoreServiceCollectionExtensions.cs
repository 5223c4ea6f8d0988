using McpSecurity.SecurityCore.Alerting;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore;

/// <summary>Registers every SecurityCore service.</summary>
public static class SecurityCoreServiceCollectionExtensions
{
    /// <summary>Adds storage, security events, identity and the token service, bound to <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddSecurityCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSecurityStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddSecurityAudit(configuration.GetSection(AuditOptions.SectionName));
        services.AddSecurityEvents();
        services.AddSecurityAuditQuery(configuration.GetSection(AuditRetentionOptions.SectionName));
        services.AddSecurityIdentity(configuration.GetSection(BootstrapOptions.SectionName));
        services.AddSecurityClerk(configuration.GetSection(ClerkOptions.SectionName));
        services.AddSecurityTokens(configuration.GetSection(TokenOptions.SectionName));
        services.AddSecurityTwoFactor(configuration.GetSection(TwoFactorOptions.SectionName));
        services.AddSecurityAuthorization(configuration.GetSection(RoleOptions.SectionName));
        services.AddSecurityRateLimiting(configuration.GetSection(RateLimitingOptions.SectionName), configuration.GetSection(RedisOptions.SectionName));
        services.AddSecurityDetection(configuration.GetSection(DetectionOptions.SectionName), configuration.GetSection(RedisOptions.SectionName));
        services.AddSecurityMonitoring();
        services.AddSecuritySessions(configuration.GetSection(SessionTimeoutOptions.SectionName));
        services.AddSecurityAlerting(configuration.GetSection(PagerDutyOptions.SectionName));
        return services;
    }
}
