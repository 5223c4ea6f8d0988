using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The default role -> permission map and the role descriptions.</summary>
/// <remarks>
/// Least privilege: only <c>admin</c> holds tokens:revoke_any, users:manage, roles:manage, ratelimit:bypass,
/// apikeys:manage and keys:rotate. <c>tech_lead</c> may assign roles, but only roles within its own permissions
/// (developer, qa_engineer, tech_lead by default).
/// </remarks>
public static class DefaultRolePermissions
{
    /// <summary>Gets the default permissions of each built-in role (admin: every permission).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Map { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Roles.Developer] =
        [
            Permissions.TokensIssue, Permissions.HandoffRead, Permissions.HandoffWrite, Permissions.HandoffSignOff, Permissions.RateLimitCheck, Permissions.DashboardView,
        ],
        [Roles.QaEngineer] =
        [
            Permissions.TokensIssue, Permissions.HandoffRead, Permissions.HandoffWrite, Permissions.HandoffSignOff,
            Permissions.ComplianceRun, Permissions.ComplianceRead, Permissions.RateLimitCheck, Permissions.DashboardView,
        ],
        [Roles.TechLead] =
        [
            Permissions.TokensIssue, Permissions.HandoffRead, Permissions.HandoffWrite, Permissions.HandoffSignOff,
            Permissions.ComplianceRun, Permissions.ComplianceRead, Permissions.RateLimitCheck, Permissions.DashboardView,
            Permissions.AuditRead, Permissions.UsersRead, Permissions.RolesAssign, Permissions.IncidentsRead,
        ],
        [Roles.SecurityReviewer] =
        [
            Permissions.AuditRead, Permissions.AuditVerify, Permissions.AuditExport, Permissions.ComplianceRun, Permissions.ComplianceRead,
            Permissions.HandoffRead, Permissions.HandoffSignOff, Permissions.IncidentsManage, Permissions.AlertsConfigure,
            Permissions.DashboardView, Permissions.UsersRead, Permissions.KeysRead, Permissions.MetricsRead, Permissions.IncidentsRead,
        ],
        [Roles.ProductOwner] =
        [
            Permissions.HandoffRead, Permissions.HandoffSignOff, Permissions.ComplianceRead, Permissions.DashboardView,
        ],
        [Roles.Architect] =
        [
            Permissions.TokensIssue, Permissions.HandoffRead, Permissions.HandoffWrite, Permissions.HandoffSignOff,
            Permissions.ComplianceRun, Permissions.ComplianceRead, Permissions.AuditRead, Permissions.RateLimitCheck,
            Permissions.RateLimitConfigure, Permissions.DashboardView, Permissions.UsersRead, Permissions.KeysRead, Permissions.IncidentsRead,
        ],
        [Roles.Admin] = Permissions.All,
    };

    /// <summary>Gets a one-line description of each built-in role.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Roles.Developer] = "Builds components and writes hand-off reports.",
        [Roles.QaEngineer] = "Tests components, runs compliance checks and signs off hand-offs.",
        [Roles.TechLead] = "Reviews and signs off hand-offs; assigns roles within its own permissions.",
        [Roles.SecurityReviewer] = "Reads and verifies the audit trail, runs compliance, manages incidents and signs off hand-offs.",
        [Roles.ProductOwner] = "Reads hand-offs and compliance results and signs off hand-offs.",
        [Roles.Architect] = "Approves designs and hand-offs; reads audit and key facts; configures rate limits.",
        [Roles.Admin] = "Holds every permission: keys, clients, users, roles and all other areas.",
    };
}
