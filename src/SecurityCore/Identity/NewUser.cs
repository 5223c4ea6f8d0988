namespace McpSecurity.SecurityCore.Identity;

/// <summary>What creating a person's account takes.</summary>
public sealed class NewUser
{
    /// <summary>Gets the username (3 to 64 characters of a-z, 0-9, '.', '_', '@', '-'; compared case-insensitively).</summary>
    public required string Username { get; init; }

    /// <summary>Gets the initial password (checked against the password policy of the roles).</summary>
    public required string Password { get; init; }

    /// <summary>Gets the roles; the creator must hold every permission they grant.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets the display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets whether the password must be changed at the first login.</summary>
    public bool MustChangePassword { get; init; }
}
