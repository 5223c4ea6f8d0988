namespace McpSecurity.SecurityCore.Authorization;

/// <summary>A role and the permissions it grants.</summary>
/// <param name="Name">The role name.</param>
/// <param name="Description">A one-line description, when known.</param>
/// <param name="Permissions">The permissions it grants, in catalogue order.</param>
/// <param name="IsBuiltIn">True for the roles of the configured map (the hand-off roles, admin and configured ones); false for custom roles.</param>
/// <param name="CreatedAt">When a custom role was created.</param>
/// <param name="CreatedBy">Who created a custom role.</param>
public sealed record RoleDefinition(string Name, string? Description, IReadOnlyList<string> Permissions, bool IsBuiltIn, DateTimeOffset? CreatedAt = null, string? CreatedBy = null);
