namespace McpSecurity.SecurityCore.Storage;

/// <summary>A custom role created at run time from catalogue permissions.</summary>
public sealed class StoredRole
{
    /// <summary>Gets or sets the role name (the key).</summary>
    public required string Name { get; set; }
    /// <summary>Gets or sets a short description.</summary>
    public string? Description { get; set; }
    /// <summary>Gets or sets the permissions the role grants (catalogue names, no wildcards).</summary>
    public string[] Permissions { get; set; } = [];
    /// <summary>Gets or sets when the role was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Gets or sets who created the role (a subject id or the local operator).</summary>
    public string? CreatedBy { get; set; }
}
