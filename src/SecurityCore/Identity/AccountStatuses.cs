namespace McpSecurity.SecurityCore.Identity;

/// <summary>Values of <see cref="Storage.StoredUser.Status"/>.</summary>
internal static class AccountStatuses
{
    public const string Active = "active";
    public const string Locked = "locked";
    public const string Suspended = "suspended";
    public const string Disabled = "disabled";
}
