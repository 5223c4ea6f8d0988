using System.Collections.Frozen;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The permission catalogue: every permission a role can grant, <c>area:action</c>.</summary>
/// <remarks>
/// Roles grant permissions; every MCP tool and REST endpoint declares the one it needs and asks
/// <see cref="IPermissionChecker"/>. Nothing else can be granted: configuration and custom roles naming an unknown
/// permission are refused.
/// </remarks>
public static class Permissions
{
    /// <summary>Obtain tokens for oneself through the token tools (reserved for delegated issuance; the grants authenticate themselves).</summary>
    public const string TokensIssue = "tokens:issue";
    /// <summary>Revoke tokens of other subjects (one's own tokens are always revocable).</summary>
    public const string TokensRevokeAny = "tokens:revoke_any";
    /// <summary>Read user accounts, roles and other subjects' permissions.</summary>
    public const string UsersRead = "users:read";
    /// <summary>Create, change, unlock and disable user accounts.</summary>
    public const string UsersManage = "users:manage";
    /// <summary>Assign and revoke roles (only roles whose every permission the caller holds).</summary>
    public const string RolesAssign = "roles:assign";
    /// <summary>Create custom roles (only from permissions the caller holds).</summary>
    public const string RolesManage = "roles:manage";
    /// <summary>Check a rate limit.</summary>
    public const string RateLimitCheck = "ratelimit:check";
    /// <summary>Bypass rate limits.</summary>
    public const string RateLimitBypass = "ratelimit:bypass";
    /// <summary>Configure rate-limit policies.</summary>
    public const string RateLimitConfigure = "ratelimit:configure";
    /// <summary>Read the audit trail.</summary>
    public const string AuditRead = "audit:read";
    /// <summary>Verify the audit trail's integrity.</summary>
    public const string AuditVerify = "audit:verify";
    /// <summary>Export the audit trail.</summary>
    public const string AuditExport = "audit:export";
    /// <summary>Read hand-off reports.</summary>
    public const string HandoffRead = "handoff:read";
    /// <summary>Create and update hand-off reports.</summary>
    public const string HandoffWrite = "handoff:write";
    /// <summary>Sign off hand-off reports (in a role the signer holds).</summary>
    public const string HandoffSignOff = "handoff:sign_off";
    /// <summary>Run compliance checks.</summary>
    public const string ComplianceRun = "compliance:run";
    /// <summary>Read compliance results.</summary>
    public const string ComplianceRead = "compliance:read";
    /// <summary>Create and revoke API keys.</summary>
    public const string ApiKeysManage = "apikeys:manage";
    /// <summary>List the signing keys of the key ring (public facts only).</summary>
    public const string KeysRead = "keys:read";
    /// <summary>Rotate the signing key.</summary>
    public const string KeysRotate = "keys:rotate";
    /// <summary>View the dashboard.</summary>
    public const string DashboardView = "dashboard:view";
    /// <summary>Open, update and close security incidents.</summary>
    public const string IncidentsManage = "incidents:manage";
    /// <summary>Read security incidents and the blocked addresses (evidence names addresses and subject ids, never secrets).</summary>
    public const string IncidentsRead = "incidents:read";
    /// <summary>Configure alerts and notification channels.</summary>
    public const string AlertsConfigure = "alerts:configure";
    /// <summary>Scrape <c>/metrics</c> from an address outside <c>Metrics:AllowedNetworks</c> (a Prometheus client).</summary>
    public const string MetricsRead = "metrics:read";

    /// <summary>Gets every permission of the catalogue, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TokensIssue, TokensRevokeAny, UsersRead, UsersManage, RolesAssign, RolesManage,
        RateLimitCheck, RateLimitBypass, RateLimitConfigure, AuditRead, AuditVerify, AuditExport,
        HandoffRead, HandoffWrite, HandoffSignOff, ComplianceRun, ComplianceRead, ApiKeysManage,
        KeysRead, KeysRotate, DashboardView, IncidentsManage, AlertsConfigure, MetricsRead, IncidentsRead,
    ];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns whether <paramref name="permission"/> is in the catalogue (exact, case-sensitive).</summary>
    public static bool IsKnown(string permission) => permission is not null && Known.Contains(permission);

    /// <summary>
    /// Expands a permission or a pattern (<c>*</c> for all, <c>area:*</c> for every permission of an area) into catalogue
    /// names; answers false for an unknown name or a pattern that matches nothing.
    /// </summary>
    public static bool TryExpand(string pattern, out IReadOnlyList<string> permissions)
    {
        permissions = [];
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var text = pattern.Trim();
        if (text == "*")
        {
            permissions = All;
            return true;
        }

        if (text.EndsWith(":*", StringComparison.Ordinal))
        {
            var area = text[..^1];
            var matches = All.Where(p => p.StartsWith(area, StringComparison.Ordinal)).ToArray();
            permissions = matches;
            return matches.Length > 0;
        }

        if (!Known.Contains(text))
        {
            return false;
        }

        permissions = [text];
        return true;
    }
}
