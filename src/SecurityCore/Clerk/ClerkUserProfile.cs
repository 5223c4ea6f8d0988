namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The parts of a Clerk User object the bridge uses (from the Backend API or a <c>user.*</c> webhook).</summary>
/// <param name="Id">The Clerk user id (<c>user_...</c>).</param>
/// <param name="Username">The Clerk username, when set.</param>
/// <param name="FirstName">The first name, when set.</param>
/// <param name="LastName">The last name, when set.</param>
/// <param name="PrimaryEmail">The primary e-mail address (<c>primary_email_address_id</c> in <c>email_addresses</c>), when set.</param>
/// <param name="PrimaryEmailVerified">Whether that address's verification status is <c>verified</c>.</param>
/// <param name="MetadataRoles">The value(s) of <c>public_metadata.role</c> (a string or an array of strings).</param>
/// <param name="Banned">Whether Clerk has banned the user.</param>
/// <param name="Locked">Whether Clerk has locked the user out (too many failed sign-ins).</param>
/// <param name="UpdatedAt">When the user was last changed at Clerk (<c>updated_at</c>, milliseconds), when present.</param>
internal sealed record ClerkUserProfile(
    string Id,
    string? Username,
    string? FirstName,
    string? LastName,
    string? PrimaryEmail,
    bool PrimaryEmailVerified,
    IReadOnlyList<string> MetadataRoles,
    bool Banned,
    bool Locked,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>Gets "first last" trimmed, or null when both are empty.</summary>
    public string? FullName => string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())) is { Length: > 0 } name
        ? name
        : null;
}
