using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Authorization;

public sealed class PermissionCheckerTests : IDisposable
{
    private readonly AuthorizationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private PermissionChecker Checker => _context.Checker;

    [Fact]
    public void Check_UserWithRoles_HoldsTheUnionOfTheirPermissions()
    {
        var user = _context.AddUser("dana", [Roles.Developer, Roles.ProductOwner]);

        Assert.True(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
        Assert.True(Checker.Check(user, Permissions.HandoffSignOff).IsAllowed);
        Assert.Equal(
            DefaultRolePermissions.Map[Roles.Developer].Union(DefaultRolePermissions.Map[Roles.ProductOwner]).Order(StringComparer.Ordinal),
            Checker.GetPermissions(user).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetRoles_AnswersTheRolesHeldNow_AfterARevokeAndNoneWhenSuspended()
    {
        var user = _context.AddUser("dana", [Roles.Developer, Roles.TechLead]);
        var suspended = _context.AddUser("sam", [Roles.Developer], AccountStatuses.Suspended);
        Assert.Equal([Roles.Developer, Roles.TechLead], Checker.GetRoles(user));

        await _context.Roles.RevokeAsync(ActingPrincipal.LocalOperator, RoleHolder.User(user), Roles.TechLead);

        Assert.Equal([Roles.Developer], Checker.GetRoles(user));
        Assert.Empty(Checker.GetRoles(suspended));
        Assert.Empty(Checker.GetRoles("usr_unknown"));
    }

    [Fact]
    public void Check_MissingPermission_RefusesNamingItWithTheStableCode()
    {
        var user = _context.AddUser("erin", [Roles.Developer]);

        var decision = Checker.Check(user, Permissions.KeysRotate);

        Assert.False(decision.IsAllowed);
        Assert.Equal("keys:rotate", decision.MissingPermission);
        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, decision.ErrorCode);
        Assert.Contains("'keys:rotate'", decision.Message, StringComparison.Ordinal);
        var refusal = decision.ToException();
        Assert.Equal("INSUFFICIENT_PERMISSIONS", refusal.Code);
        Assert.Equal("keys:rotate", refusal.Details!["required_permission"]);
    }

    [Fact]
    public void Check_Admin_HoldsEveryPermission()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);

        Assert.All(Permissions.All, p => Assert.True(Checker.Check(admin, p).IsAllowed, p));
    }

    [Fact]
    public void Check_Client_ResolvedByClientIdFromItsStoredRoles()
    {
        var client = _context.AddClient("ci-agent", [Roles.QaEngineer]);

        Assert.True(Checker.Check(client, Permissions.ComplianceRun).IsAllowed);
        Assert.False(Checker.Check(client, Permissions.AuditRead).IsAllowed);
    }

    [Theory]
    [InlineData(AccountStatuses.Disabled)]
    [InlineData(AccountStatuses.Suspended)]
    public void Check_InactiveUser_HoldsNothing(string status)
    {
        var user = _context.AddUser("frozen", [Roles.Admin], status);

        Assert.False(Checker.Check(user, Permissions.AuditRead).IsAllowed);
        Assert.Empty(Checker.GetPermissions(user));
    }

    [Fact]
    public void Check_DisabledClientOrUnknownSubject_HoldsNothing()
    {
        var client = _context.AddClient("off-agent", [Roles.Admin], enabled: false);

        Assert.False(Checker.Check(client, Permissions.AuditRead).IsAllowed);
        Assert.False(Checker.Check("usr_nobody", Permissions.AuditRead).IsAllowed);
        Assert.False(Checker.Check("no-such-client", Permissions.AuditRead).IsAllowed);
        Assert.False(Checker.Check("", Permissions.AuditRead).IsAllowed);
    }

    [Fact]
    public void Check_UnknownRoleName_GrantsNothing()
    {
        var user = _context.AddUser("olga", ["operator"]);

        Assert.Empty(Checker.GetPermissions(user));
    }

    [Fact]
    public async Task Check_RoleRevokedThroughTheService_TakesEffectOnTheNextCheck()
    {
        _context.AddUser("root", [Roles.Admin]);
        var root = _context.AddUser("root2", [Roles.Admin]);
        var user = _context.AddUser("gus", [Roles.SecurityReviewer]);
        Assert.True(Checker.Check(user, Permissions.AuditVerify).IsAllowed);

        await _context.Roles.RevokeAsync(ActingPrincipal.Subject(root), RoleHolder.User(user), Roles.SecurityReviewer);

        Assert.False(Checker.Check(user, Permissions.AuditVerify).IsAllowed);
    }

    [Fact]
    public void Check_StoreChangedBehindTheService_SeenOnceTheCacheLifetimeHasPassed()
    {
        var user = _context.AddUser("hal", [Roles.Developer]);
        Assert.True(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);

        _context.Users.UpdateRoles(user, [], _context.Time.GetUtcNow());
        Assert.True(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);

        _context.Time.Advance(_context.Options.CacheLifetime);
        Assert.False(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
    }

    [Fact]
    public void Invalidate_Subject_ReadsTheStoreAgain()
    {
        var user = _context.AddUser("ida", [Roles.Developer]);
        Assert.True(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
        _context.Users.UpdateRoles(user, [Roles.ProductOwner], _context.Time.GetUtcNow());

        Checker.Invalidate(user);

        Assert.False(Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
        Assert.True(Checker.Check(user, Permissions.HandoffSignOff).IsAllowed);
    }

    [Fact]
    public void Check_ZeroCacheLifetime_AlwaysReadsTheStore()
    {
        using var context = new AuthorizationTestContext(new RoleOptions { CacheLifetime = TimeSpan.Zero });
        var user = context.AddUser("jo", [Roles.Developer]);
        Assert.True(context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);

        context.Users.UpdateRoles(user, [], context.Time.GetUtcNow());

        Assert.False(context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
    }

    [Fact]
    public void Check_CacheHit_AllocatesNothing()
    {
        var user = _context.AddUser("kim", [Roles.TechLead]);
        _ = Checker.Check(user, Permissions.AuditRead);
        _ = Checker.Check(user, Permissions.KeysRotate);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowed += Checker.Check(user, Permissions.AuditRead).IsAllowed ? 1 : 0;
            allowed += Checker.Check(user, Permissions.KeysRotate).IsAllowed ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, allowed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task DemandAsync_Missing_ThrowsNamingThePermissionAndRecordsAccessDenied()
    {
        var user = _context.AddUser("lee", [Roles.Developer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(async () =>
            await Checker.DemandAsync(user, Permissions.KeysRotate, "rotate_signing_key", new global::McpSecurity.SecurityCore.Tokens.TokenRequestContext("198.51.100.7", "req-1")));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Contains("keys:rotate", refusal.Message, StringComparison.Ordinal);
        var denied = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.AccessDenied, denied.Type);
        Assert.Equal(SecurityEventOutcomes.Failure, denied.Outcome);
        Assert.Equal(user, denied.SubjectId);
        Assert.Equal("rotate_signing_key", denied.Target);
        Assert.Equal("keys:rotate", denied.Details["permission"]);
        Assert.Equal("198.51.100.7", denied.Address);
    }

    [Fact]
    public async Task DemandAsync_Held_RecordsNothing()
    {
        var user = _context.AddUser("max", [Roles.Admin]);

        await Checker.DemandAsync(user, Permissions.KeysRotate, "rotate_signing_key");

        Assert.Empty(_context.Events.Events);
    }
}
