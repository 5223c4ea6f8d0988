namespace McpSecurity.SecurityCore.Identity;

/// <summary>Well-known role names.</summary>
public static class Roles
{
    /// <summary>The administrator role: manages keys, clients and users.</summary>
    public const string Admin = "admin";
}
