namespace McpSecurity.SecurityCore.Identity;

/// <summary>What a session is at a given moment.</summary>
internal enum SessionState
{
    /// <summary>Usable.</summary>
    Active,
    /// <summary>No such session (or not the token subject's).</summary>
    Unknown,
    /// <summary>Ended: revoked, or ended by a password change or an account change.</summary>
    Ended,
    /// <summary>No activity for longer than the idle timeout.</summary>
    IdleExpired,
    /// <summary>Past its absolute timeout.</summary>
    AbsoluteExpired,
}
