namespace McpSecurity.SecurityCore.Identity;

/// <summary>Values of <see cref="Storage.StoredSession.EndReason"/>.</summary>
public static class SessionEndReasons
{
    /// <summary>Revoked by its user or an administrator.</summary>
    public const string Revoked = "revoked";
    /// <summary>No activity for longer than the idle timeout.</summary>
    public const string IdleTimeout = "idle_timeout";
    /// <summary>Reached its absolute timeout.</summary>
    public const string AbsoluteTimeout = "absolute_timeout";
    /// <summary>The user's password was changed (other sessions end).</summary>
    public const string PasswordChanged = "password_changed";
    /// <summary>The account was suspended, disabled or deleted.</summary>
    public const string AccountInactive = "account_inactive";
}
