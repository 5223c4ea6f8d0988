using System.Text.Json;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>Reads a Clerk User object (snake_case JSON, as the Backend API and webhooks send it) into a <see cref="ClerkUserProfile"/>.</summary>
internal static class ClerkUserParser
{
    private const int MaxIdLength = 128;

    /// <summary>Reads <paramref name="user"/>; returns false with a caller-safe reason naming the field when it is not a usable User object.</summary>
    public static bool TryParse(JsonElement user, out ClerkUserProfile profile, out string error)
    {
        profile = null!;
        if (user.ValueKind != JsonValueKind.Object)
        {
            error = "the user must be a JSON object";
            return false;
        }

        if (GetString(user, "id") is not { } id || !IsValidUserId(id))
        {
            error = "'id' must be a Clerk user id";
            return false;
        }

        string? primaryEmail = null;
        var primaryVerified = false;
        if (GetString(user, "primary_email_address_id") is { } primaryId
            && user.TryGetProperty("email_addresses", out var emails) && emails.ValueKind == JsonValueKind.Array)
        {
            foreach (var email in emails.EnumerateArray())
            {
                if (email.ValueKind == JsonValueKind.Object && GetString(email, "id") == primaryId)
                {
                    primaryEmail = GetString(email, "email_address");
                    primaryVerified = email.TryGetProperty("verification", out var verification)
                        && verification.ValueKind == JsonValueKind.Object
                        && GetString(verification, "status") == "verified";
                    break;
                }
            }
        }

        profile = new ClerkUserProfile(
            id,
            GetString(user, "username"),
            GetString(user, "first_name"),
            GetString(user, "last_name"),
            primaryEmail,
            primaryVerified,
            ReadMetadataRoles(user),
            GetBool(user, "banned"),
            GetBool(user, "locked"),
            user.TryGetProperty("updated_at", out var updated) && updated.ValueKind == JsonValueKind.Number
                && updated.TryGetInt64(out var milliseconds) && milliseconds is > 0 and < 253_402_300_799_999
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null);
        error = string.Empty;
        return true;
    }

    /// <summary>Returns whether a value looks like a Clerk id: 1 to 128 characters of <c>A-Z a-z 0-9 _</c>.</summary>
    public static bool IsValidUserId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string[] ReadMetadataRoles(JsonElement user)
    {
        if (!user.TryGetProperty("public_metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("role", out var role))
        {
            return [];
        }

        return role.ValueKind switch
        {
            JsonValueKind.String => [role.GetString()!],
            JsonValueKind.Array => [.. role.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)],
            _ => [],
        };
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool GetBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
