using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>Maps a Clerk user's <c>public_metadata.role</c> and organisation role to our roles, as configured.</summary>
internal sealed class ClerkRoleMapper
{
    /// <summary>The prefix Clerk puts before organisation roles in session tokens v1 (<c>org:admin</c>).</summary>
    public const string OrganizationRolePrefix = "org:";

    private static readonly char[] Separators = [' ', ','];

    private readonly Dictionary<string, string[]> _metadata;
    private readonly Dictionary<string, string[]> _organization;
    private readonly string[] _defaults;

    /// <summary>Creates the mapper from validated options (invalid role names are skipped; the validator reports them at start-up).</summary>
    public ClerkRoleMapper(IOptions<ClerkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _metadata = Compile(value.RoleMapping);
        _organization = Compile(value.OrganizationRoleMapping);
        _defaults = [.. (value.DefaultRoles ?? []).Where(r => r is not null && IdentityRules.IsValidRole(r)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Gets our roles for the given Clerk metadata roles and organisation role (either may be empty), de-duplicated and sorted.</summary>
    public string[] Map(IReadOnlyList<string> metadataRoles, string? organizationRole)
    {
        ArgumentNullException.ThrowIfNull(metadataRoles);
        var roles = new SortedSet<string>(_defaults, StringComparer.Ordinal);
        foreach (var role in metadataRoles)
        {
            if (_metadata.TryGetValue(role, out var mapped))
            {
                roles.UnionWith(mapped);
            }
        }

        if (organizationRole is not null && _organization.TryGetValue(organizationRole, out var orgMapped))
        {
            roles.UnionWith(orgMapped);
        }

        return [.. roles];
    }

    /// <summary>Strips the <c>org:</c> prefix of a v1 organisation role; v2's <c>o.rol</c> has none.</summary>
    public static string NormalizeOrganizationRole(string role) =>
        role.StartsWith(OrganizationRolePrefix, StringComparison.Ordinal) ? role[OrganizationRolePrefix.Length..] : role;

    /// <summary>Splits a configured role list (spaces or commas).</summary>
    public static string[] ParseRoleList(string? value) =>
        (value ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Dictionary<string, string[]> Compile(Dictionary<string, string>? mapping)
    {
        var compiled = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping ?? [])
        {
            var roles = ParseRoleList(value).Where(IdentityRules.IsValidRole).Distinct(StringComparer.Ordinal).ToArray();
            if (roles.Length > 0)
            {
                compiled[key] = roles;
            }
        }

        return compiled;
    }
}
