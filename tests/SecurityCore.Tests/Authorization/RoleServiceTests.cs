using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Authorization;

public sealed class RoleServiceTests : IDisposable
{
    private readonly AuthorizationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private RoleService Service => _context.Roles;

    private static ActingPrincipal As(string subject) => ActingPrincipal.Subject(subject, "203.0.113.5", "req-42");

    [Fact]
    public async Task AssignAsync_AdminAssignsRole_StoredEffectiveAndRecorded()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", []);
        Assert.False(_context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);

        var result = await Service.AssignAsync(As(admin), RoleHolder.User(user), Roles.Developer);

        Assert.True(result.Changed);
        Assert.Equal([Roles.Developer], result.Roles);
        Assert.Equal([Roles.Developer], _context.Users.FindById(user)!.Roles);
        Assert.True(_context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
        var assigned = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.RoleAssigned, assigned.Type);
        Assert.Equal(admin, assigned.SubjectId);
        Assert.Equal(user, assigned.Target);
        Assert.Equal("203.0.113.5", assigned.Address);
        Assert.Equal("req-42", assigned.RequestId);
        Assert.Equal(Roles.Developer, assigned.Details["role"]);
        Assert.Equal("user", assigned.Details["holder_type"]);
    }

    [Fact]
    public async Task AssignAsync_RoleAlreadyHeld_ChangesNothingAndRecordsNothing()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", [Roles.Developer]);

        var result = await Service.AssignAsync(As(admin), RoleHolder.User(user), Roles.Developer);

        Assert.False(result.Changed);
        Assert.Empty(_context.Events.Events);
    }

    [Fact]
    public async Task AssignAsync_CallerWithoutRolesAssign_RefusedNamingIt()
    {
        var reviewer = _context.AddUser("rita", [Roles.SecurityReviewer]);
        var user = _context.AddUser("ann", []);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.AssignAsync(As(reviewer), RoleHolder.User(user), Roles.ProductOwner));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Contains("roles:assign", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Users.FindById(user)!.Roles);
        Assert.Equal(SecurityEventTypes.AccessDenied, Assert.Single(_context.Events.Events).Type);
    }

    [Fact]
    public async Task AssignAsync_TechLeadAssignsDeveloper_Allowed()
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);
        var user = _context.AddUser("ann", []);

        var result = await Service.AssignAsync(As(lead), RoleHolder.User(user), Roles.Developer);

        Assert.True(result.Changed);
    }

    [Theory]
    [InlineData(Roles.SecurityReviewer, "audit:verify")]
    [InlineData(Roles.Admin, "tokens:revoke_any")]
    [InlineData(Roles.Architect, "ratelimit:configure")]
    public async Task AssignAsync_RoleGrantingMoreThanTheCallerHolds_RefusedNamingWhatIsMissing(string role, string missing)
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);
        var user = _context.AddUser("ann", []);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.AssignAsync(As(lead), RoleHolder.User(user), role));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Contains(missing, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(missing, Assert.IsType<string[]>(refusal.Details!["missing_permissions"]));
        Assert.Empty(_context.Users.FindById(user)!.Roles);
        var denied = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.AccessDenied, denied.Type);
        Assert.Contains(missing, denied.Details["permission"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignAsync_SelfEscalation_Refused()
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.AssignAsync(As(lead), RoleHolder.User(lead), Roles.Admin));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Equal([Roles.TechLead], _context.Users.FindById(lead)!.Roles);
    }

    [Fact]
    public async Task AssignAsync_UnknownRole_NotFound()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", []);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.AssignAsync(As(admin), RoleHolder.User(user), "wizard"));

        Assert.Equal(SecurityErrorCodes.NotFound, refusal.Code);
        Assert.Contains("wizard", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignAsync_UnknownUser_NotFound()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.AssignAsync(As(admin), RoleHolder.User("usr_missing"), Roles.Developer));

        Assert.Equal(SecurityErrorCodes.NotFound, refusal.Code);
    }

    [Fact]
    public async Task AssignAsync_Client_StoredOnTheClientAndEffective()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var client = _context.AddClient("build-bot", []);

        var result = await Service.AssignAsync(As(admin), RoleHolder.Client(client), Roles.QaEngineer);

        Assert.Equal([Roles.QaEngineer], _context.Clients.Find(client)!.Roles);
        Assert.True(_context.Checker.Check(client, Permissions.ComplianceRun).IsAllowed);
        Assert.Equal("client", Assert.Single(_context.Events.Events).Details["holder_type"]);
        Assert.Equal(RoleHolderKind.Client, result.Holder.Kind);
    }

    [Fact]
    public async Task AssignAsync_LocalOperator_NeedsNoPermissions()
    {
        var user = _context.AddUser("ann", []);

        await Service.AssignAsync(ActingPrincipal.LocalOperator, RoleHolder.User(user), Roles.Admin);

        Assert.Equal([Roles.Admin], _context.Users.FindById(user)!.Roles);
        Assert.Equal(ActingPrincipal.LocalOperatorId, Assert.Single(_context.Events.Events).SubjectId);
    }

    [Fact]
    public async Task RevokeAsync_AdminRevokes_TakesEffectAndIsRecorded()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", [Roles.Developer, Roles.ProductOwner]);
        Assert.True(_context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);

        var result = await Service.RevokeAsync(As(admin), RoleHolder.User(user), Roles.Developer);

        Assert.True(result.Changed);
        Assert.Equal([Roles.ProductOwner], _context.Users.FindById(user)!.Roles);
        Assert.False(_context.Checker.Check(user, Permissions.HandoffWrite).IsAllowed);
        Assert.True(_context.Checker.Check(user, Permissions.HandoffSignOff).IsAllowed);
        var revoked = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.RoleRevoked, revoked.Type);
        Assert.Equal(Roles.ProductOwner, revoked.Details["roles"]);
    }

    [Fact]
    public async Task RevokeAsync_RoleWithMoreThanTheCallerHolds_Refused()
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);
        var reviewer = _context.AddUser("rita", [Roles.SecurityReviewer]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.RevokeAsync(As(lead), RoleHolder.User(reviewer), Roles.SecurityReviewer));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Equal([Roles.SecurityReviewer], _context.Users.FindById(reviewer)!.Roles);
    }

    [Fact]
    public async Task RevokeAsync_LastActiveAdmin_RefusedEvenForTheOperator()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        _context.AddUser("old-root", [Roles.Admin], AccountStatuses.Disabled);

        var bySelf = await Assert.ThrowsAsync<SecurityException>(() => Service.RevokeAsync(As(admin), RoleHolder.User(admin), Roles.Admin));
        var byOperator = await Assert.ThrowsAsync<SecurityException>(() => Service.RevokeAsync(ActingPrincipal.LocalOperator, RoleHolder.User(admin), Roles.Admin));

        Assert.Equal(SecurityErrorCodes.LastAdmin, bySelf.Code);
        Assert.Equal(SecurityErrorCodes.LastAdmin, byOperator.Code);
        Assert.Equal([Roles.Admin], _context.Users.FindById(admin)!.Roles);
        Assert.True(_context.Checker.Check(admin, Permissions.KeysRotate).IsAllowed);
    }

    [Fact]
    public async Task RevokeAsync_AdminWhenAnotherActiveAdminExists_Allowed()
    {
        var first = _context.AddUser("root", [Roles.Admin]);
        var second = _context.AddUser("root2", [Roles.Admin]);

        await Service.RevokeAsync(As(first), RoleHolder.User(second), Roles.Admin);

        Assert.Empty(_context.Users.FindById(second)!.Roles);
        Assert.False(_context.Checker.Check(second, Permissions.KeysRotate).IsAllowed);
        var last = await Assert.ThrowsAsync<SecurityException>(() => Service.RevokeAsync(As(first), RoleHolder.User(first), Roles.Admin));
        Assert.Equal(SecurityErrorCodes.LastAdmin, last.Code);
    }

    [Fact]
    public async Task RevokeAsync_TwoAdminsRevokingEachOtherAtOnce_OneAdminRemains()
    {
        for (var round = 0; round < 20; round++)
        {
            using var context = new AuthorizationTestContext();
            var first = context.AddUser("root", [Roles.Admin]);
            var second = context.AddUser("root2", [Roles.Admin]);

            var results = await Task.WhenAll(
                Task.Run(() => Outcome(context.Roles.RevokeAsync(ActingPrincipal.Subject(first), RoleHolder.User(second), Roles.Admin))),
                Task.Run(() => Outcome(context.Roles.RevokeAsync(ActingPrincipal.Subject(second), RoleHolder.User(first), Roles.Admin))));

            Assert.Equal(1, context.Users.CountWithRoleAndStatus(Roles.Admin, AccountStatuses.Active));
            Assert.Contains("ok", results);
        }

        static async Task<string> Outcome(Task<RoleAssignment> task)
        {
            try
            {
                await task;
                return "ok";
            }
            catch (SecurityException ex)
            {
                return ex.Code;
            }
        }
    }

    [Fact]
    public async Task RevokeAsync_AdminFromClient_NotProtectedByTheLastAdminRule()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var client = _context.AddClient("ops-bot", [Roles.Admin]);

        await Service.RevokeAsync(As(admin), RoleHolder.Client(client), Roles.Admin);

        Assert.Empty(_context.Clients.Find(client)!.Roles);
    }

    [Fact]
    public async Task RevokeAsync_UndefinedRoleName_CleanedUpWithRolesAssignOnly()
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);
        var user = _context.AddUser("ann", ["operator"]);

        var result = await Service.RevokeAsync(As(lead), RoleHolder.User(user), "operator");

        Assert.True(result.Changed);
        Assert.Empty(_context.Users.FindById(user)!.Roles);
    }

    [Fact]
    public async Task CreateAsync_AdminCreatesRole_ListedStoredAndAssignable()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", []);

        var role = await Service.CreateAsync(As(admin), "auditor", ["audit:*", "dashboard:view"], "Reads the audit trail.");
        await Service.AssignAsync(As(admin), RoleHolder.User(user), "auditor");

        Assert.False(role.IsBuiltIn);
        Assert.Equal(["audit:read", "audit:verify", "audit:export", "dashboard:view"], role.Permissions);
        Assert.Equal(admin, role.CreatedBy);
        Assert.Contains(Service.List(), r => r.Name == "auditor" && !r.IsBuiltIn);
        Assert.Equal(Roles.BuiltIn, Service.List().Where(r => r.IsBuiltIn).Select(r => r.Name));
        Assert.True(_context.Checker.Check(user, Permissions.AuditExport).IsAllowed);
        var created = _context.Events.Events[0];
        Assert.Equal(SecurityEventTypes.RoleCreated, created.Type);
        Assert.Equal("auditor", created.Target);
        Assert.Equal("audit:read audit:verify audit:export dashboard:view", created.Details["permissions"]);
    }

    [Fact]
    public async Task CreateAsync_NameAlreadyHeldByAccounts_TheirPermissionsChangeAtOnce()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        var user = _context.AddUser("ann", ["auditor"]);
        Assert.Empty(_context.Checker.GetPermissions(user));

        await Service.CreateAsync(As(admin), "auditor", ["audit:read"]);

        Assert.True(_context.Checker.Check(user, Permissions.AuditRead).IsAllowed);
    }

    [Fact]
    public async Task CreateAsync_PermissionsTheCallerLacks_Refused()
    {
        var creator = _context.AddUser("cora", []);
        _context.Users.UpdateRoles(creator, ["role-maker"], _context.Time.GetUtcNow());
        await Service.CreateAsync(ActingPrincipal.LocalOperator, "role-maker", ["roles:manage", "audit:read"]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(As(creator), "exporter", ["audit:read", "audit:export"]));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Contains("audit:export", refusal.Message, StringComparison.Ordinal);
        Assert.Null(Service.Find("exporter"));
        var allowed = await Service.CreateAsync(As(creator), "reader", ["audit:read"]);
        Assert.Equal(["audit:read"], allowed.Permissions);
    }

    [Fact]
    public async Task CreateAsync_WithoutRolesManage_Refused()
    {
        var lead = _context.AddUser("tess", [Roles.TechLead]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(As(lead), "helper", ["handoff:read"]));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refusal.Code);
        Assert.Contains("roles:manage", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("handoff:delete")]
    [InlineData("nosuch:*")]
    public async Task CreateAsync_UnknownPermission_RefusedNamingIt(string permission)
    {
        var admin = _context.AddUser("root", [Roles.Admin]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(As(admin), "broken", [permission]));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains(permission, refusal.Message, StringComparison.Ordinal);
        Assert.Equal("permissions", refusal.Details!["field"]);
    }

    [Theory]
    [InlineData(Roles.Developer)]
    [InlineData(Roles.Admin)]
    public async Task CreateAsync_BuiltInName_Conflict(string name)
    {
        var admin = _context.AddUser("root", [Roles.Admin]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(As(admin), name, ["handoff:read"]));

        Assert.Equal(SecurityErrorCodes.Conflict, refusal.Code);
    }

    [Fact]
    public async Task CreateAsync_ExistingCustomName_Conflict()
    {
        var admin = _context.AddUser("root", [Roles.Admin]);
        await Service.CreateAsync(As(admin), "auditor", ["audit:read"]);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(As(admin), "auditor", ["audit:export"]));

        Assert.Equal(SecurityErrorCodes.Conflict, refusal.Code);
        Assert.Equal(["audit:read"], Service.Find("auditor")!.Permissions);
    }

    [Theory]
    [InlineData("Auditor")]
    [InlineData("")]
    [InlineData("two words")]
    public async Task CreateAsync_InvalidName_ValidationFailed(string name)
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(ActingPrincipal.LocalOperator, name, ["audit:read"]));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
    }

    [Fact]
    public async Task CreateAsync_NoPermissions_ValidationFailed()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(ActingPrincipal.LocalOperator, "empty", []));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
    }

    [Fact]
    public void List_BuiltInRoles_InPhase6OrderWithDescriptions()
    {
        var roles = Service.List();

        Assert.Equal(["developer", "tech_lead", "qa_engineer", "security_reviewer", "product_owner", "architect", "admin"], roles.Select(r => r.Name));
        Assert.All(roles, r => Assert.False(string.IsNullOrEmpty(r.Description)));
    }
}
