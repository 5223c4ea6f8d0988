namespace McpSecurity.SecurityCore.Identity;

/// <summary>Public facts about a user account (no password hash).</summary>
/// <param name="Id">The user id.</param>
/// <param name="Username">The username.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Status">active, locked, suspended or disabled.</param>
/// <param name="MustChangePassword">Whether the password must be changed first.</param>
/// <param name="RequiresSecondFactor">Whether login needs a second factor.</param>
public sealed record UserAccount(string Id, string Username, string? DisplayName, IReadOnlyList<string> Roles, string Status, bool MustChangePassword, bool RequiresSecondFactor);
