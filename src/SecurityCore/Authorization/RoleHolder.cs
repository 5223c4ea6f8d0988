namespace McpSecurity.SecurityCore.Authorization;

/// <summary>A user or client whose roles change.</summary>
/// <param name="Kind">User or client.</param>
/// <param name="Id">The user id or client id.</param>
public readonly record struct RoleHolder(RoleHolderKind Kind, string Id)
{
    /// <summary>A user by id.</summary>
    public static RoleHolder User(string userId) => new(RoleHolderKind.User, userId);

    /// <summary>A client by client id.</summary>
    public static RoleHolder Client(string clientId) => new(RoleHolderKind.Client, clientId);

    /// <summary>Gets <c>user</c> or <c>client</c>, as events and faces spell it.</summary>
    public string KindName => Kind == RoleHolderKind.User ? "user" : "client";
}
