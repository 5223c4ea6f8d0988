using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Authorization;

public sealed class PermissionsTests
{
    [Fact]
    public void All_ContainsTheIssueCatalogue_EachOnceAsAreaColonAction()
    {
        string[] fromIssue =
        [
            "tokens:issue", "tokens:revoke_any", "users:read", "users:manage", "roles:assign", "ratelimit:check", "ratelimit:bypass",
            "ratelimit:configure", "audit:read", "audit:verify", "audit:export", "handoff:read", "handoff:write", "handoff:sign_off",
            "compliance:run", "compliance:read", "apikeys:manage", "keys:rotate", "dashboard:view", "incidents:manage", "alerts:configure",
        ];

        Assert.All(fromIssue, p => Assert.Contains(p, Permissions.All));
        Assert.Equal(Permissions.All.Count, Permissions.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Permissions.All, p => Assert.Matches("^[a-z]+:[a-z_]+$", p));
    }

    [Theory]
    [InlineData("keys:rotate", true)]
    [InlineData("Keys:Rotate", false)]
    [InlineData("keys:*", false)]
    [InlineData("keys", false)]
    [InlineData("", false)]
    public void IsKnown_Name_IsExactAndCaseSensitive(string name, bool known) => Assert.Equal(known, Permissions.IsKnown(name));

    [Fact]
    public void TryExpand_AreaPattern_GivesEveryPermissionOfThatAreaOnly()
    {
        Assert.True(Permissions.TryExpand("audit:*", out var audit));
        Assert.Equal(["audit:read", "audit:verify", "audit:export"], audit);

        Assert.True(Permissions.TryExpand("*", out var all));
        Assert.Equal(Permissions.All, all);
    }

    [Theory]
    [InlineData("nosuch:*")]
    [InlineData("audit:write")]
    [InlineData("aud*")]
    [InlineData("  ")]
    public void TryExpand_UnknownNameOrEmptyPattern_IsRefused(string pattern) => Assert.False(Permissions.TryExpand(pattern, out _));

    [Fact]
    public void DefaultRolePermissions_EveryBuiltInRole_HasKnownPermissionsAndAdminHasAll()
    {
        Assert.Equal(Roles.BuiltIn.Order(StringComparer.Ordinal), DefaultRolePermissions.Map.Keys.Order(StringComparer.Ordinal));
        Assert.All(DefaultRolePermissions.Map.Values.SelectMany(p => p), p => Assert.True(Permissions.IsKnown(p), p));
        Assert.Equal(Permissions.All, DefaultRolePermissions.Map[Roles.Admin]);
        Assert.All(Roles.BuiltIn, r => Assert.False(string.IsNullOrEmpty(DefaultRolePermissions.Descriptions[r])));
    }

    [Theory]
    [InlineData("tokens:revoke_any")]
    [InlineData("users:manage")]
    [InlineData("roles:manage")]
    [InlineData("keys:rotate")]
    [InlineData("apikeys:manage")]
    [InlineData("ratelimit:bypass")]
    public void DefaultRolePermissions_PowerfulPermissions_OnlyAdminHoldsThem(string permission)
    {
        var holders = DefaultRolePermissions.Map.Where(p => p.Value.Contains(permission)).Select(p => p.Key);

        Assert.Equal([Roles.Admin], holders);
    }

    [Fact]
    public void DefaultRolePermissions_SecurityReviewer_HasAuditComplianceSignOffAndIncidents()
    {
        var reviewer = DefaultRolePermissions.Map[Roles.SecurityReviewer];

        Assert.All(["audit:read", "audit:verify", "audit:export", "compliance:run", "compliance:read", "handoff:read", "handoff:sign_off",
            "incidents:manage", "dashboard:view", "users:read"], p => Assert.Contains(p, reviewer));
        Assert.DoesNotContain("handoff:write", reviewer);
    }
}
