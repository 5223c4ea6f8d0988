using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>Syntax rules shared by users and clients: usernames, roles, scopes, client ids, display names.</summary>
internal static partial class IdentityRules
{
    /// <summary>The longest password accepted at login; longer input is refused without hashing it at length.</summary>
    public const int MaxPasswordInputLength = 1024;

    /// <summary>Normalises a username: trimmed and lower-case (usernames compare case-insensitively).</summary>
    public static string NormalizeUsername(string username) => (username ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Returns whether a normalised username has 3 to 64 characters of <c>a-z 0-9 . _ @ -</c>.</summary>
    public static bool IsValidUsername(string normalized) => UsernamePattern().IsMatch(normalized);

    /// <summary>The rule text for usernames, for error messages.</summary>
    public const string UsernameRule = "3 to 64 characters of a-z, 0-9, '.', '_', '@' and '-'";

    /// <summary>Returns whether a role name is 1 to 64 characters of <c>a-z 0-9 _ . : -</c>, starting with a letter.</summary>
    public static bool IsValidRole(string role) => RolePattern().IsMatch(role);

    /// <summary>Returns whether a scope is an RFC 6749 scope-token (printable ASCII without space, quote or backslash), at most 128 long.</summary>
    public static bool IsValidScope(string scope) => ScopePattern().IsMatch(scope);

    /// <summary>Returns whether a client id has 3 to 64 characters of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public static bool IsValidClientId(string clientId) => ClientIdPattern().IsMatch(clientId);

    /// <summary>Returns whether a display name is at most 128 characters without control characters.</summary>
    public static bool IsValidDisplayName(string? displayName) =>
        displayName is null || (displayName.Length <= 128 && !displayName.Any(char.IsControl));

    /// <summary>Returns whether an e-mail address is plausible: at most 254 characters, one '@', a dotted domain, no spaces or control characters.</summary>
    public static bool IsValidEmail(string email) => email.Length <= 254 && EmailPattern().IsMatch(email);

    /// <summary>The context words a user's password must not contain: the username and the local part of an e-mail username.</summary>
    public static IReadOnlyList<string> ContextWords(string normalizedUsername)
    {
        var at = normalizedUsername.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? [normalizedUsername, normalizedUsername[..at]] : [normalizedUsername];
    }

    /// <summary>A short, non-reversible reference to a name that must not be logged as typed (it may be a mistyped password).</summary>
    public static string HashReference(string value) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    /// <summary>Checks roles and returns them de-duplicated, or throws <see cref="SecurityException"/> naming the field.</summary>
    public static string[] ValidateRoles(IReadOnlyList<string> roles, string field)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            if (role is null || !IsValidRole(role))
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed,
                    $"{field} must contain role names of 1 to 64 characters of a-z, 0-9, '_', '.', ':' and '-', starting with a letter.",
                    new Dictionary<string, object?> { ["field"] = field });
            }
        }

        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex("^[^@\\s\\p{C}]{1,64}@[^@\\s\\p{C}.]+(\\.[^@\\s\\p{C}.]+)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^[a-z0-9._@-]{3,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[a-z][a-z0-9_.:-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    [GeneratedRegex("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
