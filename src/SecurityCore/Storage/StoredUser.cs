namespace McpSecurity.SecurityCore.Storage;

/// <summary>A person's account as stored (minimal; the identity issue extends it).</summary>
public sealed class StoredUser
{
    /// <summary>Gets or sets the unique id (the token subject).</summary>
    public required string Id { get; set; }
    /// <summary>Gets or sets the unique username, compared case-insensitively (stored lower-case).</summary>
    public required string Username { get; set; }
    /// <summary>Gets or sets the display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>Gets or sets the encoded password hash, with its algorithm and parameters.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>Gets or sets the e-mail address, when known (for example the verified primary address from Clerk).</summary>
    public string? Email { get; set; }
    /// <summary>Gets or sets the link to an external identity provider account (for example Clerk); null for local accounts.</summary>
    /// <remarks>A linked account is found by <see cref="IUserRepository.FindByExternalId"/>, never by username or e-mail.</remarks>
    public StoredExternalLink? External { get; set; }
    /// <summary>Gets or sets the roles.</summary>
    public string[] Roles { get; set; } = [];
    /// <summary>Gets or sets whether the password must be changed before anything else.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Gets or sets whether a second factor is required at login.</summary>
    public bool RequiresSecondFactor { get; set; }
    /// <summary>Gets or sets the status: active, locked, suspended or disabled.</summary>
    public string Status { get; set; } = "active";
    /// <summary>Gets or sets when the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Gets or sets when the account was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Gets or sets when the account was deleted (soft delete); null while it exists.</summary>
    /// <remarks>A deleted account keeps its record (and so its username, which is never reused) but cannot log in and is hidden from lists.</remarks>
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>Gets or sets the failed password attempts since the last successful login or lockout.</summary>
    public int FailedLoginCount { get; set; }
    /// <summary>Gets or sets the end of the current lockout; null or past when the account is not locked out.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}
