namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The role -> permission map (configuration section <c>Identity:Roles</c>).</summary>
/// <remarks>
/// <see cref="Permissions"/> replaces the default permissions of the roles it names and may add further roles; roles it
/// does not name keep their defaults (see <see cref="DefaultRolePermissions"/>). <c>admin</c> always holds every
/// permission and cannot be configured. Entries are catalogue names (<see cref="Authorization.Permissions"/>) or
/// patterns: <c>*</c> (all) and <c>area:*</c> (for example <c>audit:*</c>). Unknown names stop the server at start.
/// </remarks>
public sealed class RoleOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity:Roles";

    /// <summary>Gets or sets the permissions of each configured role, for example <c>Identity:Roles:Permissions:developer:0 = handoff:read</c>.</summary>
#pragma warning disable CA2227 // Bound from configuration, which needs a setter (and the preflight lists writable keys).
    public Dictionary<string, string[]> Permissions { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227

    /// <summary>Gets or sets how long a subject's resolved permissions are cached. Defaults to 30 seconds; zero disables the cache.</summary>
    /// <remarks>
    /// Role changes through the role service invalidate the cache at once, so they take effect on the next request; the
    /// lifetime only bounds how long a change made behind the service's back (for example directly in the store) can go unseen.
    /// </remarks>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
