using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Identity;

// Checks Unix file modes: the server runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BootstrapServiceTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task EnsureInitializedAsync_FirstRun_CreatesAdminWithGeneratedPasswordInAPrivateFile()
    {
        using var context = new IdentityTestContext();

        var result = await context.Bootstrap.EnsureInitializedAsync();

        Assert.True(result.AdminCreated);
        Assert.Equal("admin", result.AdminUsername);
        Assert.NotNull(result.GeneratedPassword);
        Assert.Equal(24, result.GeneratedPassword.Length);
        Assert.Null(context.Policy.Check(result.GeneratedPassword, [Roles.Admin], ["admin"]));
        Assert.Equal(context.DataDirectory.GetFilePath("initial-admin-password"), result.PasswordFile);
        Assert.Equal(result.GeneratedPassword + "\n", await File.ReadAllTextAsync(result.PasswordFile!));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(result.PasswordFile!));
        Assert.Equal(1, context.SigningKeys.EnsureActiveKeyCalls);

        var login = await context.UserService.AuthenticateAsync("admin", result.GeneratedPassword);
        Assert.NotNull(login.User);
        Assert.True(login.User.MustChangePassword);
        Assert.Equal([Roles.Admin], login.User.Roles);
        var created = Assert.Single(context.Events.Events, e => e.Type == SecurityEventTypes.BootstrapAdminCreated);
        Assert.Equal(login.User.Id, created.SubjectId);
        Assert.Equal("generated", created.Details["password_source"]);
    }

    [Fact]
    public async Task EnsureInitializedAsync_SecondRun_CreatesNothingButStillEnsuresTheKey()
    {
        using var context = new IdentityTestContext();
        var first = await context.Bootstrap.EnsureInitializedAsync();
        var eventsAfterFirst = context.Events.Events.Count;

        var second = await context.Bootstrap.EnsureInitializedAsync();

        Assert.Equal(new BootstrapResult(false, null, null, null), second);
        Assert.Equal(2, context.SigningKeys.EnsureActiveKeyCalls);
        Assert.Equal(eventsAfterFirst, context.Events.Events.Count);
        Assert.Equal(1, context.Users.CountWithRole(Roles.Admin));
        Assert.Equal(first.GeneratedPassword + "\n", await File.ReadAllTextAsync(first.PasswordFile!));
    }

    [Fact]
    public async Task EnsureInitializedAsync_ConcurrentCalls_CreateOneAdmin()
    {
        using var context = new IdentityTestContext();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => context.Bootstrap.EnsureInitializedAsync())));

        Assert.Single(results, r => r.AdminCreated);
        Assert.Equal(1, context.Users.CountWithRole(Roles.Admin));
    }

    [Fact]
    public async Task EnsureInitializedAsync_ConfiguredPassword_UsesItWithoutForcedChangeOrFile()
    {
        using var context = new IdentityTestContext(bootstrap: new BootstrapOptions { AdminUser = "Root.Admin", AdminPassword = "granite harbour lights at dusk" });

        var result = await context.Bootstrap.EnsureInitializedAsync();

        Assert.Equal(new BootstrapResult(true, "root.admin", null, null), result);
        Assert.False(File.Exists(context.DataDirectory.GetFilePath("initial-admin-password")));
        var login = await context.UserService.AuthenticateAsync("root.admin", "granite harbour lights at dusk");
        Assert.False(login.User!.MustChangePassword);
        Assert.Equal("configuration", Assert.Single(context.Events.Events, e => e.Type == SecurityEventTypes.BootstrapAdminCreated).Details["password_source"]);
    }

    [Fact]
    public async Task EnsureInitializedAsync_ConfiguredPasswordFailsPolicy_RefusedNamingTheKeyNotThePassword()
    {
        using var context = new IdentityTestContext(bootstrap: new BootstrapOptions { AdminPassword = "Xq9#mLp2vR7!kTw" });

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => context.Bootstrap.EnsureInitializedAsync());

        Assert.Equal(SecurityErrorCodes.PasswordPolicyViolation, refusal.Code);
        Assert.Contains("Bootstrap:AdminPassword", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("at least 16", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Xq9#mLp2vR7!kTw", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, context.Users.CountWithRole(Roles.Admin));
    }

    [Fact]
    public async Task EnsureInitializedAsync_InvalidAdminUser_RefusedNamingTheKey()
    {
        using var context = new IdentityTestContext(bootstrap: new BootstrapOptions { AdminUser = "no spaces allowed" });

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => context.Bootstrap.EnsureInitializedAsync());

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains("Bootstrap:AdminUser", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureInitializedAsync_AdminUserTakenByNonAdmin_RefusedAndLeavesNoPasswordFile()
    {
        using var context = new IdentityTestContext();
        await context.UserService.CreateAsync("admin", "violet lanterns drift slowly", ["reader"], false);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => context.Bootstrap.EnsureInitializedAsync());

        Assert.Equal(SecurityErrorCodes.Conflict, refusal.Code);
        Assert.Contains("Bootstrap:AdminUser 'admin'", refusal.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(context.DataDirectory.GetFilePath("initial-admin-password")));
    }

    [Fact]
    public async Task EnsureInitializedAsync_LeftoverPasswordFile_ReplacedByAPrivateOne()
    {
        using var context = new IdentityTestContext();
        var path = context.DataDirectory.GetFilePath("initial-admin-password");
        await File.WriteAllTextAsync(path, "stale");
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await context.Bootstrap.EnsureInitializedAsync();

        Assert.Equal(result.GeneratedPassword + "\n", await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task EnsureInitializedAsync_AfterTheAdminChangedThePassword_RemovesTheFile()
    {
        using var context = new IdentityTestContext();
        var first = await context.Bootstrap.EnsureInitializedAsync();
        await context.UserService.ChangePasswordAsync("admin", first.GeneratedPassword!, "a fresh operator passphrase of mine");

        var second = await context.Bootstrap.EnsureInitializedAsync();

        Assert.False(second.AdminCreated);
        Assert.False(File.Exists(first.PasswordFile));
    }

    [Fact]
    public async Task EnsureInitializedAsync_Always_NeverLogsTheGeneratedPassword()
    {
        using var context = new IdentityTestContext();

        var result = await context.Bootstrap.EnsureInitializedAsync();
        await context.UserService.AuthenticateAsync("admin", result.GeneratedPassword!);
        await context.UserService.ChangePasswordAsync("admin", result.GeneratedPassword!, "a fresh operator passphrase of mine");
        await context.Bootstrap.EnsureInitializedAsync();

        Assert.NotEmpty(context.Logs.Entries);
        Assert.Contains(context.Logs.Entries, e => e.Message.Contains(result.PasswordFile!, StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedPassword!, context.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("a fresh operator passphrase", context.Logs.AllText, StringComparison.Ordinal);
    }
}
