using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class AccountServiceTests : IDisposable
{
    private readonly SessionTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task DisableAsync_EndsEverySessionAtOnceAndRefusesLogin()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        await _host.CreateUserAsync("second-admin", Roles.Admin);
        var erin = await _host.CreateUserAsync("erin");
        var a = await _host.LoginAsync("erin");
        var b = await _host.LoginAsync("erin");

        var disabled = await _host.Accounts.DisableAsync(SessionTestHost.As(admin.Id), erin.Id);

        Assert.Equal("disabled", disabled.Status);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, _host.Validator.Validate(a.AccessToken).ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, _host.Validator.Validate(b.AccessToken).ErrorCode);
        Assert.False((await _host.Grants.RefreshAsync(a.RefreshToken!, null, SessionTestHost.Context)).Succeeded);
        Assert.Empty(_host.Sessions.List(erin.Id));
        Assert.Equal(SecurityErrorCodes.AccountInactive, (await _host.Grants.PasswordAsync("erin", SessionTestHost.Password, null, SessionTestHost.Context)).ErrorCode);
        Assert.Equal(2, (await Events(SecurityEventTypes.SessionEnded)).Count);
        Assert.Single(await Events(SecurityEventTypes.UserStatusChanged));
    }

    [Fact]
    public async Task DisableAsync_LastActiveAdmin_IsRefused()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);

        var ex = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.DisableAsync(SessionTestHost.As(admin.Id), admin.Id));

        Assert.Equal(SecurityErrorCodes.LastAdmin, ex.Code);
    }

    [Fact]
    public async Task DeleteAsync_HidesTheUser_LoginLooksLikeAnUnknownUser_UsernameStaysReserved()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        var erin = await _host.CreateUserAsync("erin");
        var session = await _host.LoginAsync("erin");

        await _host.Accounts.DeleteAsync(SessionTestHost.As(admin.Id), erin.Id);

        var deleted = await _host.Grants.PasswordAsync("erin", SessionTestHost.Password, null, SessionTestHost.Context);
        var unknown = await _host.Grants.PasswordAsync("nobody-here", SessionTestHost.Password, null, SessionTestHost.Context);
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, deleted.ErrorCode);
        Assert.Equal(unknown.ErrorCode, deleted.ErrorCode);
        Assert.Equal(unknown.Message, deleted.Message);
        Assert.False(_host.Validator.Validate(session.AccessToken).IsValid);
        Assert.DoesNotContain(_host.Accounts.List(new UserListQuery()).Users, u => u.Id == erin.Id);
        Assert.Null(_host.Accounts.FindByUsername("erin"));
        Assert.Equal(SecurityErrorCodes.NotFound, Assert.Throws<SecurityException>(() => _host.Accounts.GetById(erin.Id)).Code);
        var again = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.CreateAsync(SessionTestHost.As(admin.Id),
            new NewUser { Username = "erin", Password = "amber-violin-92-harbour" }));
        Assert.Equal(SecurityErrorCodes.Conflict, again.Code);
        Assert.Single(await Events(SecurityEventTypes.UserDeleted));
    }

    [Fact]
    public async Task List_PagesByCursorInUsernameOrder_WithTotalAndFilters()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        foreach (var name in new[] { "dora", "alice", "carol", "bob", "eve" })
        {
            await _host.CreateUserAsync(name, name == "bob" ? [Roles.Developer] : []);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = _host.Accounts.List(new UserListQuery { Limit = 2, Cursor = cursor });
            Assert.Equal(6, page.Total);
            seen.AddRange(page.Users.Select(u => u.Username));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["alice", "bob", "carol", "dora", "eve", "root"], seen);
        Assert.Equal(["bob"], _host.Accounts.List(new UserListQuery { Role = Roles.Developer }).Users.Select(u => u.Username));
        Assert.Equal(["carol"], _host.Accounts.List(new UserListQuery { Search = "CAR" }).Users.Select(u => u.Username));
        await _host.Accounts.UpdateAsync(SessionTestHost.As(admin.Id), _host.Accounts.FindByUsername("eve")!.Id, new UserProfileUpdate { Status = "suspended" });
        Assert.Equal(["eve"], _host.Accounts.List(new UserListQuery { Status = "suspended" }).Users.Select(u => u.Username));
        Assert.Equal(5, _host.Accounts.List(new UserListQuery { Status = "active" }).Total);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(201, null, null)]
    [InlineData(10, "not-a-cursor!", null)]
    [InlineData(10, null, "sleeping")]
    public void List_BadInput_IsAValidationFailure(int limit, string? cursor, string? status)
    {
        var ex = Assert.Throws<SecurityException>(() => _host.Accounts.List(new UserListQuery { Limit = limit, Cursor = cursor, Status = status }));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
    }

    [Fact]
    public async Task UpdateAsync_ChangesDisplayNameAndEmail_AndRejectsABadEmail()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        var erin = await _host.CreateUserAsync("erin");

        var updated = await _host.Accounts.UpdateAsync(SessionTestHost.As(admin.Id), erin.Id, new UserProfileUpdate { DisplayName = "Erin E.", Email = "erin@example.com" });
        var bad = await Assert.ThrowsAsync<SecurityException>(() =>
            _host.Accounts.UpdateAsync(SessionTestHost.As(admin.Id), erin.Id, new UserProfileUpdate { Email = "not an address" }));

        Assert.Equal("Erin E.", updated.DisplayName);
        Assert.Equal("erin@example.com", updated.Email);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, bad.Code);
        Assert.True(updated.UpdatedAt >= updated.CreatedAt);
    }

    [Fact]
    public async Task SetPasswordAsync_EndsEverySessionOfTheUser_AndTheNewPasswordWorks()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        var erin = await _host.CreateUserAsync("erin");
        var old = await _host.LoginAsync("erin");

        var ended = await _host.Accounts.SetPasswordAsync(SessionTestHost.As(admin.Id), erin.Id, "amber-violin-92-harbour", mustChangePassword: false);

        Assert.Equal(1, ended);
        Assert.False(_host.Validator.Validate(old.AccessToken).IsValid);
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, (await _host.Grants.PasswordAsync("erin", SessionTestHost.Password, null, SessionTestHost.Context)).ErrorCode);
        await _host.LoginAsync("erin", "amber-violin-92-harbour");
    }

    [Fact]
    public async Task SetPasswordAsync_PolicyViolation_NamesTheRule()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        var erin = await _host.CreateUserAsync("erin");

        var ex = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.SetPasswordAsync(SessionTestHost.As(admin.Id), erin.Id, "short", false));

        Assert.Equal(SecurityErrorCodes.PasswordPolicyViolation, ex.Code);
    }

    [Fact]
    public async Task SetPasswordAsync_ManagerLessPrivilegedThanTheTarget_IsRefused()
    {
        var admin = await _host.CreateUserAsync("root", Roles.Admin);
        await _host.Provider.GetRequiredService<IRoleService>().CreateAsync(ActingPrincipal.LocalOperator, "helpdesk", ["users:manage", "users:read"]);
        var helpdesk = await _host.CreateUserAsync("helen", "helpdesk");
        var erin = await _host.CreateUserAsync("erin", Roles.Developer);

        var ex = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.SetPasswordAsync(SessionTestHost.As(helpdesk.Id), admin.Id, "amber-violin-92-harbour", false));
        var forDeveloper = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.DisableAsync(SessionTestHost.As(helpdesk.Id), erin.Id));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, ex.Code);
        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, forDeveloper.Code);
        await _host.LoginAsync("root");
    }

    [Fact]
    public async Task CreateAsync_WithoutUsersManage_IsRefused()
    {
        var dev = await _host.CreateUserAsync("dev", Roles.Developer);

        var ex = await Assert.ThrowsAsync<SecurityException>(() => _host.Accounts.CreateAsync(SessionTestHost.As(dev.Id),
            new NewUser { Username = "mallory", Password = "amber-violin-92-harbour" }));

        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, ex.Code);
        Assert.Null(_host.Accounts.FindByUsername("mallory"));
    }

    [Fact]
    public async Task ChangeOwnPasswordAsync_KeepsTheCurrentSessionAndEndsTheOthers()
    {
        var erin = await _host.CreateUserAsync("erin");
        var current = await _host.LoginAsync("erin");
        var other = await _host.LoginAsync("erin");

        var ended = await _host.Accounts.ChangeOwnPasswordAsync(erin.Id, SessionTestHost.Password, "amber-violin-92-harbour", current.SessionId, SessionTestHost.Context);

        Assert.Equal(1, ended);
        Assert.True(_host.Validator.Validate(current.AccessToken).IsValid);
        Assert.False(_host.Validator.Validate(other.AccessToken).IsValid);
        var wrong = await Assert.ThrowsAsync<SecurityException>(() =>
            _host.Accounts.ChangeOwnPasswordAsync(erin.Id, "not-the-password", "another-long-pass-phrase-7", current.SessionId, SessionTestHost.Context));
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, wrong.Code);
    }

    private Task<IReadOnlyList<SecurityEvent>> Events(string type) =>
        _host.Provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(20, type);
}
