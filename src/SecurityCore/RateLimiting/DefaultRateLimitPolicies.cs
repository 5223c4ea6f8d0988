namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The built-in policies: what an API gateway in front of an authentication server would start with.</summary>
/// <remarks>A configured policy of the same name replaces one; <c>Enabled: false</c> switches one off.</remarks>
public static class DefaultRateLimitPolicies
{
    /// <summary>Gets the built-in policies by name.</summary>
    public static IReadOnlyDictionary<string, RateLimitPolicyOptions> All { get; } = new Dictionary<string, RateLimitPolicyOptions>(StringComparer.Ordinal)
    {
        ["login-address"] = new()
        {
            Category = RateLimitCategories.Login, Limit = 20, Period = TimeSpan.FromMinutes(1), Burst = 10,
            KeyBy = [RateLimitKeyParts.Address], Endpoints = ["/api/v1/auth/login", "/api/v1/auth/change-password", "/api/v1/me/password", "/api/v1/auth/clerk/exchange"],
        },
        ["login-user"] = new()
        {
            Category = RateLimitCategories.Login, Limit = 10, Period = TimeSpan.FromMinutes(1), Burst = 5,
            KeyBy = [RateLimitKeyParts.User], Endpoints = ["/api/v1/auth/login", "/api/v1/auth/change-password", "/api/v1/me/password"],
        },
        ["two-factor"] = new()
        {
            Category = RateLimitCategories.TwoFactor, Limit = 10, Period = TimeSpan.FromMinutes(1), Burst = 5,
            KeyBy = [RateLimitKeyParts.Address], Endpoints = ["/api/v1/auth/mfa/*", "/api/v1/me/2fa/*"],
            Tools = ["verify_2fa", "enroll_totp", "confirm_totp", "enroll_sms", "send_sms_code", "regenerate_recovery_codes"],
        },
        ["token"] = new()
        {
            Category = RateLimitCategories.Token, Limit = 60, Period = TimeSpan.FromMinutes(1), Burst = 20,
            KeyBy = [RateLimitKeyParts.Address], Endpoints = ["/oauth/token"], Tools = ["issue_token", "refresh_token", "exchange_clerk_session"],
        },
        ["api-principal"] = new()
        {
            Limit = 600, Period = TimeSpan.FromMinutes(1), Burst = 100,
            KeyBy = [RateLimitKeyParts.Principal], Endpoints = ["/api/*", "/oauth/*"],
        },
        ["api-address"] = new()
        {
            Limit = 1200, Period = TimeSpan.FromMinutes(1), Burst = 200,
            KeyBy = [RateLimitKeyParts.Address], Endpoints = ["/api/*", "/oauth/*", "/mcp*"],
        },
        ["mcp-tool"] = new()
        {
            Limit = 120, Period = TimeSpan.FromMinutes(1), Burst = 30,
            KeyBy = [RateLimitKeyParts.Principal, RateLimitKeyParts.Tool], Tools = ["*"],
        },
    };
}
