using System.Collections.Frozen;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>
/// Every role and its permissions: the built-in map (defaults overlaid with <c>Identity:Roles:Permissions</c>) and the
/// custom roles of the store, held as frozen sets and reloaded when a custom role is created.
/// </summary>
internal sealed class RoleCatalog
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _builtIn;
    private readonly IRoleRepository _repository;
    private volatile FrozenDictionary<string, StoredRole>? _custom;

    public RoleCatalog(IOptions<RoleOptions> options, IRoleRepository repository)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(repository);
        var settings = options.Value;
        var validation = new RoleOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new OptionsValidationException(RoleOptions.SectionName, typeof(RoleOptions), validation.Failures);
        }

        var map = DefaultRolePermissions.Map.ToDictionary(p => p.Key, p => (IEnumerable<string>)p.Value, StringComparer.Ordinal);
        foreach (var (role, entries) in settings.Permissions ?? [])
        {
            map[role] = Expand(entries ?? []);
        }

        map[Roles.Admin] = Permissions.All;
        _builtIn = map.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _repository = repository;
    }

    /// <summary>Gets the permissions a role grants; null for a role that does not exist.</summary>
    public FrozenSet<string>? PermissionsOf(string role)
    {
        if (_builtIn.TryGetValue(role, out var builtIn))
        {
            return builtIn;
        }

        return Custom().TryGetValue(role, out var custom) ? custom.Permissions.ToFrozenSet(StringComparer.Ordinal) : null;
    }

    /// <summary>Adds the permissions of every role in <paramref name="roles"/> to <paramref name="into"/> (unknown roles grant nothing).</summary>
    public void AddPermissions(IEnumerable<string> roles, HashSet<string> into)
    {
        var custom = Custom();
        foreach (var role in roles)
        {
            if (_builtIn.TryGetValue(role, out var builtIn))
            {
                into.UnionWith(builtIn);
            }
            else if (custom.TryGetValue(role, out var stored))
            {
                into.UnionWith(stored.Permissions.Where(Permissions.IsKnown));
            }
        }
    }

    /// <summary>Returns whether <paramref name="role"/> is a role of the configured map.</summary>
    public bool IsBuiltIn(string role) => _builtIn.ContainsKey(role);

    /// <summary>Finds a role.</summary>
    public RoleDefinition? Find(string role)
    {
        if (_builtIn.TryGetValue(role, out var permissions))
        {
            return BuiltInDefinition(role, permissions);
        }

        return Custom().TryGetValue(role, out var stored) ? CustomDefinition(stored) : null;
    }

    /// <summary>Lists every role: built-in ones in the Phase 6 order (then configured extras by name), then custom ones by name.</summary>
    public IReadOnlyList<RoleDefinition> List()
    {
        var order = Roles.BuiltIn.Select((role, index) => (role, index)).ToDictionary(p => p.role, p => p.index, StringComparer.Ordinal);
        var builtIn = _builtIn
            .OrderBy(p => order.TryGetValue(p.Key, out var index) ? index : int.MaxValue)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => BuiltInDefinition(p.Key, p.Value));
        var custom = Custom().Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(CustomDefinition);
        return [.. builtIn, .. custom];
    }

    /// <summary>Forgets the loaded custom roles; the next look-up reads the store again.</summary>
    public void CustomRolesChanged() => _custom = null;

    /// <summary>Puts permissions into catalogue order.</summary>
    public static string[] InCatalogueOrder(IEnumerable<string> permissions)
    {
        var set = permissions.ToHashSet(StringComparer.Ordinal);
        return [.. Permissions.All.Where(set.Contains)];
    }

    /// <summary>Expands names and patterns (already validated) into catalogue names.</summary>
    public static string[] Expand(IEnumerable<string> entries) =>
        InCatalogueOrder(entries.SelectMany(e => Permissions.TryExpand(e, out var expanded) ? expanded : []));

    private FrozenDictionary<string, StoredRole> Custom() =>
        _custom ??= _repository.GetAll().ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);

    private static RoleDefinition BuiltInDefinition(string role, FrozenSet<string> permissions) =>
        new(role, DefaultRolePermissions.Descriptions.GetValueOrDefault(role), InCatalogueOrder(permissions), IsBuiltIn: true);

    private static RoleDefinition CustomDefinition(StoredRole role) =>
        new(role.Name, role.Description, InCatalogueOrder(role.Permissions.Where(Permissions.IsKnown)), IsBuiltIn: false, role.CreatedAt, role.CreatedBy);
}
