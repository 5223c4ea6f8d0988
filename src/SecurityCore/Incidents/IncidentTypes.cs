namespace McpSecurity.SecurityCore.Incidents;

/// <summary>The attack patterns the detector recognises, by their wire names.</summary>
public static class IncidentTypes
{
    /// <summary>Many failed logins on one account.</summary>
    public const string BruteForce = "brute_force";
    /// <summary>Failed logins on many accounts from one address.</summary>
    public const string CredentialStuffing = "credential_stuffing";
    /// <summary>Few attempts on each of many accounts, from many addresses.</summary>
    public const string PasswordSpraying = "password_spraying";
    /// <summary>A redeemed refresh token was presented again.</summary>
    public const string RefreshTokenReuse = "refresh_token_reuse";
    /// <summary>One source keeps hitting rate limits.</summary>
    public const string RateLimitStorm = "rate_limit_storm";
    /// <summary>One source probes many identifiers that do not exist.</summary>
    public const string Enumeration = "enumeration";
    /// <summary>Repeated bad signatures or replayed requests, codes or webhooks.</summary>
    public const string SignatureFailure = "signature_failure";
}
