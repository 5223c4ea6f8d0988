namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The roles of a user or client after an assignment or revocation.</summary>
/// <param name="Holder">The user or client.</param>
/// <param name="Role">The role assigned or revoked.</param>
/// <param name="Roles">Every role the holder has now.</param>
/// <param name="Changed">False when nothing changed (the role was already held, or not held).</param>
public sealed record RoleAssignment(RoleHolder Holder, string Role, IReadOnlyList<string> Roles, bool Changed);
