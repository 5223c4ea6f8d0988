namespace McpSecurity.SecurityCore.Authorization;

/// <summary>What holds roles: a person's account or a registered client (agent or service).</summary>
public enum RoleHolderKind
{
    /// <summary>A user account (by user id).</summary>
    User,
    /// <summary>A registered client (by client id).</summary>
    Client,
}
