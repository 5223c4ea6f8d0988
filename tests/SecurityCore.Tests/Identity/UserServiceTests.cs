using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class UserServiceTests : IDisposable
{
    private const string Password = "violet lanterns drift slowly";
    private const string NewPassword = "copper kettles hum at dawn";

    private readonly IdentityTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private UserService Service => _context.UserService;

    [Fact]
    public async Task CreateAsync_ValidInput_StoresNormalisedUserWithArgon2idHash()
    {
        var account = await Service.CreateAsync("  Alice.Smith ", Password, ["reader"], mustChangePassword: true, "Alice");

        Assert.StartsWith("usr_", account.Id, StringComparison.Ordinal);
        Assert.Equal("alice.smith", account.Username);
        Assert.Equal("Alice", account.DisplayName);
        Assert.Equal(["reader"], account.Roles);
        Assert.Equal("active", account.Status);
        Assert.True(account.MustChangePassword);
        var stored = _context.Users.FindById(account.Id)!;
        Assert.StartsWith("$argon2id$v=19$m=256,t=1,p=1$", stored.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(_context.Time.GetUtcNow(), stored.CreatedAt);

        var created = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.UserCreated, created.Type);
        Assert.Equal(account.Id, created.SubjectId);
        Assert.Equal("alice.smith", created.Target);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    [InlineData("name\nx")]
    [InlineData("slash/name")]
    public async Task CreateAsync_InvalidUsername_RefusedWithTheRule(string username)
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync(username, Password, [], false));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains("3 to 64 characters", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_RefusedWithPolicyCodeAndRule()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync("bob", "passwordpassword", [], false));

        Assert.Equal(SecurityErrorCodes.PasswordPolicyViolation, refusal.Code);
        Assert.Contains("common or breached", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_context.Events.Events);
    }

    [Fact]
    public async Task CreateAsync_PasswordContainingUsername_Refused()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync("margaret", "margaret likes long walks", [], false));

        Assert.Contains("username", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AdminWithFifteenCharacters_RefusedForPrivilegedRole()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync("root2", "Xq9#mLp2vR7!kTw", [Roles.Admin], false));

        Assert.Contains("at least 16", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_TakenUsernameInOtherCase_RefusedWithConflict()
    {
        await Service.CreateAsync("carol", Password, [], false);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync("CAROL", NewPassword, [], false));

        Assert.Equal(SecurityErrorCodes.Conflict, refusal.Code);
    }

    [Fact]
    public async Task CreateAsync_InvalidRole_Refused()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.CreateAsync("dave", Password, ["Bad Role"], false));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains("roles", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_RightPasswordAnyUsernameCase_ReturnsTheAccount()
    {
        var account = await Service.CreateAsync("erin", Password, ["reader"], false);

        var result = await Service.AuthenticateAsync("ERIN", Password);

        Assert.Null(result.ErrorCode);
        Assert.Equal(account.Id, result.User!.Id);
        Assert.Equal("erin", result.User.Username);
        Assert.Equal(["reader"], result.User.Roles);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUserAndWrongPassword_LookAlike()
    {
        await Service.CreateAsync("frank", Password, [], false);

        var unknown = await Service.AuthenticateAsync("nobody", Password);
        var wrong = await Service.AuthenticateAsync("frank", NewPassword);

        Assert.Equal(new UserAuthenticationResult(null, SecurityErrorCodes.InvalidCredentials), unknown);
        Assert.Equal(unknown, wrong);
    }

    [Theory]
    [InlineData("frank", "wrong password here", 1, 0)]
    [InlineData("frank", "violet lanterns drift slowly", 1, 0)]
    [InlineData("nobody", "violet lanterns drift slowly", 0, 1)]
    [InlineData("not a valid name!", "violet lanterns drift slowly", 0, 1)]
    public async Task AuthenticateAsync_AnyUsername_SpendsExactlyOneArgon2Verification(string username, string password, int real, int dummy)
    {
        await Service.CreateAsync("frank", Password, [], false);
        var counting = new CountingPasswordHasher(_context.Hasher);
        var service = new UserService(_context.Users, counting, _context.Policy, _context.Events, _context.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<UserService>.Instance);

        await service.AuthenticateAsync(username, password);

        Assert.Equal(real, counting.Verifications);
        Assert.Equal(dummy, counting.DummyVerifications);
    }

    [Fact]
    public async Task AuthenticateAsync_Failures_EmitLoginFailedWithReasonButNeverThePassword()
    {
        var frank = await Service.CreateAsync("frank", Password, [], false);

        await Service.AuthenticateAsync("nobody", "typed secret one");
        await Service.AuthenticateAsync("frank", "typed secret two");

        var failures = _context.Events.Events.Where(e => e.Type == SecurityEventTypes.LoginFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e => Assert.Equal(SecurityErrorCodes.InvalidCredentials, e.ReasonCode));
        Assert.All(failures, e => Assert.Equal(SecurityEventOutcomes.Failure, e.Outcome));
        Assert.Null(failures[0].SubjectId);
        Assert.Equal("unknown_user", failures[0].Details["cause"]);
        Assert.StartsWith("sha256:", failures[0].Details["username_ref"], StringComparison.Ordinal);
        Assert.Equal(frank.Id, failures[1].SubjectId);
        Assert.Equal("wrong_password", failures[1].Details["cause"]);
        var everything = string.Join('|', _context.Events.Events.Select(e => e.ToString() + string.Join(',', e.Details)));
        Assert.DoesNotContain("typed secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("typed secret", _context.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_InactiveAccount_SaysSoOnlyAfterTheRightPassword()
    {
        var account = await Service.CreateAsync("gina", Password, [], false);
        var stored = _context.Users.FindById(account.Id)!;
        stored.Status = "suspended";
        _context.Users.Update(stored);

        var wrong = await Service.AuthenticateAsync("gina", NewPassword);
        var right = await Service.AuthenticateAsync("gina", Password);

        Assert.Equal(SecurityErrorCodes.InvalidCredentials, wrong.ErrorCode);
        Assert.Equal(SecurityErrorCodes.AccountInactive, right.ErrorCode);
        Assert.Null(right.User);
    }

    [Fact]
    public async Task AuthenticateAsync_HashBelowCurrentParameters_RehashesOnLogin()
    {
        var account = await Service.CreateAsync("henry", Password, [], false);
        using var stronger = new IdentityTestContext(new PasswordHashingOptions { MemoryKiB = 512, Iterations = 2, Parallelism = 1 });
        var stored = _context.Users.FindById(account.Id)!;
        stronger.Users.TryInsert(stored);

        var result = await stronger.UserService.AuthenticateAsync("henry", Password);

        Assert.Null(result.ErrorCode);
        Assert.StartsWith("$argon2id$v=19$m=512,t=2,p=1$", stronger.Users.FindById(account.Id)!.PasswordHash, StringComparison.Ordinal);
        Assert.Null((await stronger.UserService.AuthenticateAsync("henry", Password)).ErrorCode);
    }

    [Fact]
    public async Task AuthenticateAsync_OversizedPassword_RefusedAsInvalidCredentials()
    {
        await Service.CreateAsync("ivan", Password, [], false);

        var result = await Service.AuthenticateAsync("ivan", new string('x', 5000));

        Assert.Equal(SecurityErrorCodes.InvalidCredentials, result.ErrorCode);
    }

    [Fact]
    public async Task ChangePasswordAsync_Valid_ReplacesPasswordAndClearsMustChange()
    {
        var account = await Service.CreateAsync("judy", Password, [], mustChangePassword: true);

        var changed = await Service.ChangePasswordAsync("judy", Password, NewPassword);

        Assert.False(changed.MustChangePassword);
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, (await Service.AuthenticateAsync("judy", Password)).ErrorCode);
        Assert.Equal(account.Id, (await Service.AuthenticateAsync("judy", NewPassword)).User!.Id);
        var changedEvent = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.PasswordChanged);
        Assert.Equal(SecurityEventOutcomes.Success, changedEvent.Outcome);
        Assert.Equal(account.Id, changedEvent.SubjectId);
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrentPassword_RefusedAsInvalidCredentials()
    {
        await Service.CreateAsync("kate", Password, [], false);

        var wrong = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("kate", "not the password at all", NewPassword));
        var unknown = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("nobody", Password, NewPassword));

        Assert.Equal(SecurityErrorCodes.InvalidCredentials, wrong.Code);
        Assert.Equal(wrong.Message, unknown.Message);
        Assert.Null((await Service.AuthenticateAsync("kate", Password)).ErrorCode);
    }

    [Fact]
    public async Task ChangePasswordAsync_SamePassword_RefusedByPolicy()
    {
        await Service.CreateAsync("leo", Password, [], false);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("leo", Password, Password));

        Assert.Equal(SecurityErrorCodes.PasswordPolicyViolation, refusal.Code);
        Assert.Contains("differ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePasswordAsync_WeakNewPassword_RefusedNamingTheRule()
    {
        await Service.CreateAsync("mia", Password, [Roles.Admin], false);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("mia", Password, "Xq9#mLp2vR7!kTw"));

        Assert.Equal(SecurityErrorCodes.PasswordPolicyViolation, refusal.Code);
        Assert.Contains("at least 16", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByIdAndUsername_Existing_ReturnTheAccountWithoutHash()
    {
        var account = await Service.CreateAsync("nina", Password, ["reader"], false);

        Assert.Equal(account.Id, Service.FindById(account.Id)!.Id);
        Assert.Equal(account.Id, Service.FindByUsername("NINA")!.Id);
        Assert.Equal(["reader"], Service.FindByUsername("nina")!.Roles);
        Assert.Null(Service.FindByUsername("x"));
        Assert.Null(Service.FindById("usr_missing"));
    }
}
