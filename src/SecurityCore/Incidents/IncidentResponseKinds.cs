namespace McpSecurity.SecurityCore.Incidents;

/// <summary>The automated responses a detection can run, by their configuration and wire names.</summary>
public static class IncidentResponseKinds
{
    /// <summary>Refuse every request from the address until the block expires.</summary>
    public const string BlockAddress = "block_address";
    /// <summary>Lock the account (the lockout of the identity service, with its expiry).</summary>
    public const string LockAccount = "lock_account";
    /// <summary>Revoke the subject's sessions (and their refresh families).</summary>
    public const string RevokeSessions = "revoke_sessions";
    /// <summary>Revoke the refresh-token family involved.</summary>
    public const string RevokeTokenFamily = "revoke_token_family";
}
