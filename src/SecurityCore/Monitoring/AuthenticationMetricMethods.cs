namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>The <c>method</c> label values of <c>mcpsec_auth_attempts_total</c>.</summary>
public static class AuthenticationMetricMethods
{
    /// <summary>A username and password (login, change-password login).</summary>
    public const string Password = "password";
    /// <summary>A client id and secret (<c>client_credentials</c>).</summary>
    public const string ClientCredentials = "client_credentials";
    /// <summary>A refresh token redeemed.</summary>
    public const string Refresh = "refresh";
    /// <summary>A second-factor code finishing a login (TOTP, SMS or recovery code, also the first code of an enrolment challenge).</summary>
    public const string SecondFactor = "second_factor";
    /// <summary>A Clerk session exchanged.</summary>
    public const string Clerk = "clerk";
}
