namespace McpSecurity.SecurityCore.Storage;

/// <summary>How a local user is linked to an account at an external identity provider (for example Clerk).</summary>
public sealed class StoredExternalLink
{
    /// <summary>Gets or sets the provider name, for example <c>clerk</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>Gets or sets the account id at the provider (for Clerk the user id, <c>user_...</c>); case-sensitive.</summary>
    public required string Subject { get; set; }

    /// <summary>Gets or sets when the link was made.</summary>
    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>Gets or sets the roles the provider's role mapping granted at the last synchronisation.</summary>
    /// <remarks>The next synchronisation replaces exactly these; roles assigned locally are kept.</remarks>
    public string[] GrantedRoles { get; set; } = [];

    /// <summary>Gets or sets the organisation role seen in the provider's last session (for Clerk without the <c>org:</c> prefix).</summary>
    public string? OrganizationRole { get; set; }

    /// <summary>Gets or sets the provider's last-changed time of the profile applied last; older profiles are not applied.</summary>
    public DateTimeOffset? ProfileUpdatedAt { get; set; }

    /// <summary>Gets or sets whether the account is suspended because the provider banned it (lifted when the provider lifts the ban).</summary>
    public bool SuspendedByProvider { get; set; }
}
