namespace McpSecurity.SecurityCore.Identity;

/// <summary>Well-known role names.</summary>
public static class Roles
{
    /// <summary>The administrator role: manages keys, clients and users.</summary>
    public const string Admin = "admin";

    /// <summary>The security reviewer role: reads audit trails and signs off hand-offs (privileged).</summary>
    public const string SecurityReviewer = "security_reviewer";

    /// <summary>The architect role: approves designs and hand-offs (privileged).</summary>
    public const string Architect = "architect";
}
