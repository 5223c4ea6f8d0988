namespace McpSecurity.SecurityCore.Identity;

/// <summary>Well-known role names: the six hand-off roles (Phase 6 <c>SignOffRole</c>) and <c>admin</c>.</summary>
/// <remarks>What each role may do is the role map of <c>Identity:Roles</c> (see <c>Authorization.RoleOptions</c>).</remarks>
public static class Roles
{
    /// <summary>The administrator role: holds every permission (manages keys, clients, users and roles).</summary>
    public const string Admin = "admin";

    /// <summary>The security reviewer role: reads audit trails and signs off hand-offs (privileged).</summary>
    public const string SecurityReviewer = "security_reviewer";

    /// <summary>The architect role: approves designs and hand-offs (privileged).</summary>
    public const string Architect = "architect";

    /// <summary>The developer role: builds components and writes hand-offs.</summary>
    public const string Developer = "developer";

    /// <summary>The tech lead role: reviews and signs off hand-offs, assigns roles within its own rights.</summary>
    public const string TechLead = "tech_lead";

    /// <summary>The QA engineer role: tests components, runs compliance checks and signs off hand-offs.</summary>
    public const string QaEngineer = "qa_engineer";

    /// <summary>The product owner role: reads hand-offs and compliance results and signs off hand-offs.</summary>
    public const string ProductOwner = "product_owner";

    /// <summary>Gets the six hand-off roles plus admin, in the Phase 6 order.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Developer, TechLead, QaEngineer, SecurityReviewer, ProductOwner, Architect, Admin];
}
