using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Mcp;

/// <summary>A person's account as the user tools and <c>/api/v1/users</c> show it (no password hash, no second-factor secret).</summary>
internal sealed record UserOutput(
    [property: JsonPropertyName("id"), Description("The user id (usr_...), the tokens' subject.")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("status"), Description("active, locked (while a lockout lasts), suspended or disabled.")] string Status,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("must_change_password")] bool MustChangePassword,
    [property: JsonPropertyName("two_factor_required")] bool TwoFactorRequired,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("locked_until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LockedUntil)
{
    public static UserOutput From(UserProfile user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserOutput(user.Id, user.Username, user.DisplayName, user.Email, user.Status, user.Roles, user.MustChangePassword,
            user.RequiresSecondFactor, user.CreatedAt, user.UpdatedAt, user.LockedUntil);
    }
}
