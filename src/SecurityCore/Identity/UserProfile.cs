namespace McpSecurity.SecurityCore.Identity;

/// <summary>The facts about a person's account that the user-management faces show (no password hash, no second-factor secret).</summary>
/// <param name="Id">The user id (<c>usr_...</c>), the tokens' subject.</param>
/// <param name="Username">The username (lower-case).</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Status"><c>active</c>, <c>locked</c> (while a lockout lasts), <c>suspended</c> or <c>disabled</c>.</param>
/// <param name="Roles">The roles.</param>
/// <param name="MustChangePassword">Whether the password must be changed at the next login.</param>
/// <param name="RequiresSecondFactor">Whether login needs a second factor.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="LockedUntil">The end of the current lockout, if any.</param>
public sealed record UserProfile(
    string Id,
    string Username,
    string? DisplayName,
    string? Email,
    string Status,
    IReadOnlyList<string> Roles,
    bool MustChangePassword,
    bool RequiresSecondFactor,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LockedUntil);
