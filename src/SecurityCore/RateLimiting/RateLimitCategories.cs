namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>What a policy protects. Every category but <see cref="General"/> can never be bypassed and fails closed by default.</summary>
public static class RateLimitCategories
{
    /// <summary>Any other traffic (default): bypass by role allowed, fails open with a local fallback by default.</summary>
    public const string General = "general";
    /// <summary>Password login and password change.</summary>
    public const string Login = "login";
    /// <summary>Second-factor verification and enrolment.</summary>
    public const string TwoFactor = "two_factor";
    /// <summary>The token endpoint and the token tools.</summary>
    public const string Token = "token";

    /// <summary>Gets every category.</summary>
    public static IReadOnlyList<string> All { get; } = [General, Login, TwoFactor, Token];

    /// <summary>Returns whether a category protects authentication (never bypassed).</summary>
    public static bool IsProtected(string category) => !string.Equals(category, General, StringComparison.Ordinal);
}
