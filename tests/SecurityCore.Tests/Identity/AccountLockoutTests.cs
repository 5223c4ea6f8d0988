using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class AccountLockoutTests : IDisposable
{
    private const string Password = "violet lanterns drift slowly";
    private const string Wrong = "violet lanterns drift quickly";

    private readonly IdentityTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private UserService Service => _context.UserService;

    private async Task<string> CreateAsync(string username = "nina") => (await Service.CreateAsync(username, Password, [], false)).Id;

    private async Task FailAsync(int times, string username = "nina")
    {
        for (var i = 0; i < times; i++)
        {
            await Service.AuthenticateAsync(username, Wrong);
        }
    }

    [Fact]
    public async Task AuthenticateAsync_FourFailures_StillAcceptsTheRightPasswordButKeepsCounting()
    {
        await CreateAsync();
        await FailAsync(4);

        var result = await Service.AuthenticateAsync("nina", Password);

        Assert.NotNull(result.User);
        // A correct password alone does not clear the counter: a second factor may still follow (the grant clears it).
        Assert.Equal(4, _context.Users.FindByUsername("nina")!.FailedLoginCount);
    }

    [Fact]
    public async Task AuthenticateAsync_FifthFailure_LocksTheAccountAndRecordsAccountLocked()
    {
        var id = await CreateAsync();
        await FailAsync(4);

        var fifth = await Service.AuthenticateAsync("nina", Wrong);

        Assert.Equal(SecurityErrorCodes.AccountLocked, fifth.ErrorCode);
        Assert.Equal(_context.Time.GetUtcNow().AddMinutes(15), _context.Users.FindById(id)!.LockedUntil);
        var locked = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountLocked);
        Assert.Equal(id, locked.SubjectId);
        Assert.Equal("5", locked.Details["failed_attempts"]);
        Assert.Equal(5, _context.Events.Events.Count(e => e.Type == SecurityEventTypes.LoginFailed && e.ReasonCode == SecurityErrorCodes.InvalidCredentials));
    }

    [Fact]
    public async Task AuthenticateAsync_WithOrigin_RecordsTheAddressAndRequestOnFailuresAndTheLockout()
    {
        await CreateAsync();
        var origin = new LoginOrigin("203.0.113.7", "req-42");

        for (var i = 0; i < 5; i++)
        {
            await Service.AuthenticateAsync("nina", Wrong, origin);
        }

        await Service.AuthenticateAsync("nobody", Wrong, origin);

        var failures = _context.Events.Events.Where(e => e.Type == SecurityEventTypes.LoginFailed).ToList();
        Assert.Equal(6, failures.Count);
        Assert.All(failures, e => Assert.Equal(("203.0.113.7", "req-42"), (e.Address, e.RequestId)));
        var locked = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountLocked);
        Assert.Equal("203.0.113.7", locked.Address);
    }

    [Fact]
    public async Task AuthenticateAsync_WhileLocked_EveryAttemptAnswersLockedWhateverThePassword()
    {
        var id = await CreateAsync();
        await FailAsync(5);

        var right = await Service.AuthenticateAsync("nina", Password);
        var wrong = await Service.AuthenticateAsync("nina", Wrong);

        Assert.Null(right.User);
        Assert.Equal(SecurityErrorCodes.AccountLocked, right.ErrorCode);
        Assert.Equal(SecurityErrorCodes.AccountLocked, wrong.ErrorCode);
        Assert.Equal("locked", Service.FindById(id)!.Status);
        Assert.Equal(2, _context.Events.Events.Count(e => e.Type == SecurityEventTypes.LoginFailed && e.ReasonCode == SecurityErrorCodes.AccountLocked));
        Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountLocked);
    }

    [Fact]
    public async Task AuthenticateAsync_WhileLocked_AttemptsDoNotExtendTheLockout()
    {
        var id = await CreateAsync();
        await FailAsync(5);
        var until = _context.Users.FindById(id)!.LockedUntil;

        _context.Time.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(10);

        Assert.Equal(until, _context.Users.FindById(id)!.LockedUntil);
    }

    [Fact]
    public async Task AuthenticateAsync_AfterFifteenMinutes_LockoutEndsAndTheRightPasswordWorks()
    {
        var id = await CreateAsync();
        await FailAsync(5);

        _context.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(SecurityErrorCodes.AccountLocked, (await Service.AuthenticateAsync("nina", Password)).ErrorCode);

        _context.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await Service.AuthenticateAsync("nina", Password);

        Assert.NotNull(result.User);
        Assert.Equal("active", result.User.Status);
        Assert.Null(_context.Lockout.GetLockedUntil(id));
    }

    [Fact]
    public async Task AuthenticateAsync_AfterALockout_TheCounterStartsAgain()
    {
        await CreateAsync();
        await FailAsync(5);
        _context.Time.Advance(TimeSpan.FromMinutes(16));

        await FailAsync(4);
        var stillOpen = await Service.AuthenticateAsync("nina", Password);

        Assert.NotNull(stillOpen.User);
    }

    [Fact]
    public async Task ClearFailures_AfterACompletedLogin_TheCounterStartsAgain()
    {
        var id = await CreateAsync();
        await FailAsync(4);
        Assert.NotNull((await Service.AuthenticateAsync("nina", Password)).User);

        _context.Lockout.ClearFailures(id);
        await FailAsync(4);

        Assert.Equal(4, _context.Users.FindById(id)!.FailedLoginCount);
        Assert.NotNull((await Service.AuthenticateAsync("nina", Password)).User);
    }

    [Fact]
    public async Task AuthenticateAsync_RightPasswordBetweenFailures_DoesNotClearTheCounter()
    {
        await CreateAsync();
        await FailAsync(4);
        await Service.AuthenticateAsync("nina", Password);

        var fifth = await Service.AuthenticateAsync("nina", Wrong);

        Assert.Equal(SecurityErrorCodes.AccountLocked, fifth.ErrorCode);
    }

    [Fact]
    public async Task ClearFailures_DuringALockout_DoesNotLiftIt()
    {
        var id = await CreateAsync();
        await FailAsync(5);

        _context.Lockout.ClearFailures(id);

        Assert.NotNull(_context.Lockout.GetLockedUntil(id));
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUser_NeverLocked()
    {
        await CreateAsync();
        await FailAsync(10, "nobody-here");

        Assert.Equal(SecurityErrorCodes.InvalidCredentials, (await Service.AuthenticateAsync("nobody-here", Wrong)).ErrorCode);
        Assert.DoesNotContain(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountLocked);
    }

    [Fact]
    public async Task AuthenticateAsync_ConcurrentFailures_AreAllCounted()
    {
        var id = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Service.AuthenticateAsync("nina", Wrong))));

        Assert.Equal(4, _context.Users.FindById(id)!.FailedLoginCount);
    }

    [Fact]
    public async Task ChangePasswordAsync_WrongCurrentPasswords_CountAndLockToo()
    {
        var id = await CreateAsync();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("nina", Wrong, "copper kettles hum at dawn"));
            Assert.Equal(SecurityErrorCodes.InvalidCredentials, wrong.Code);
        }

        var fifth = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("nina", Wrong, "copper kettles hum at dawn"));
        var right = await Assert.ThrowsAsync<SecurityException>(() => Service.ChangePasswordAsync("nina", Password, "copper kettles hum at dawn"));

        Assert.Equal(SecurityErrorCodes.AccountLocked, fifth.Code);
        Assert.Equal(SecurityErrorCodes.AccountLocked, right.Code);
        Assert.NotNull(_context.Users.FindById(id)!.LockedUntil);
    }

    [Fact]
    public async Task UnlockAsync_LockedAccount_LiftsTheLockoutAndRecordsAccountUnlocked()
    {
        var id = await CreateAsync();
        await FailAsync(5);

        var wasLocked = await _context.Lockout.UnlockAsync(id, ActingPrincipal.Subject("usr_admin", "203.0.113.9"));

        Assert.True(wasLocked);
        Assert.Null(_context.Lockout.GetLockedUntil(id));
        Assert.NotNull((await Service.AuthenticateAsync("nina", Password)).User);
        var unlocked = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountUnlocked);
        Assert.Equal("usr_admin", unlocked.SubjectId);
        Assert.Equal(id, unlocked.Target);
        Assert.Equal("true", unlocked.Details["was_locked"]);
    }

    [Fact]
    public async Task UnlockAsync_NotLocked_ClearsTheCounterAndSaysSo()
    {
        var id = await CreateAsync();
        await FailAsync(3);

        var wasLocked = await _context.Lockout.UnlockAsync(id, ActingPrincipal.LocalOperator);

        Assert.False(wasLocked);
        Assert.Equal(0, _context.Users.FindById(id)!.FailedLoginCount);
    }

    [Fact]
    public async Task UnlockAsync_UnknownUser_NotFound()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => _context.Lockout.UnlockAsync("usr_missing", ActingPrincipal.LocalOperator));

        Assert.Equal(SecurityErrorCodes.NotFound, refusal.Code);
    }

    [Fact]
    public async Task RecordFailureAsync_SecondFactorFailures_CountTowardsTheSameLockout()
    {
        var id = await CreateAsync();
        await FailAsync(3);

        Assert.False(await _context.Lockout.RecordFailureAsync(id, "wrong_totp"));
        Assert.True(await _context.Lockout.RecordFailureAsync(id, "wrong_totp"));

        Assert.Equal(_context.Time.GetUtcNow().AddMinutes(15), _context.Lockout.GetLockedUntil(id));
        Assert.Equal("wrong_totp", Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.AccountLocked).Details["cause"]);
    }

    [Fact]
    public async Task Lockout_ConfiguredAttemptsAndDuration_AreHonoured()
    {
        _context.LockoutOptions.MaxFailedAttempts = 2;
        _context.LockoutOptions.Duration = TimeSpan.FromMinutes(1);
        await CreateAsync();

        await FailAsync(2);
        Assert.Equal(SecurityErrorCodes.AccountLocked, (await Service.AuthenticateAsync("nina", Password)).ErrorCode);

        _context.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull((await Service.AuthenticateAsync("nina", Password)).User);
    }

    [Theory]
    [InlineData(0, 900)]
    [InlineData(101, 900)]
    [InlineData(5, 0)]
    [InlineData(5, 86401)]
    public void LockoutOptionsValidator_OutOfRange_RefusedNamingTheKey(int attempts, int seconds)
    {
        var result = new LockoutOptionsValidator().Validate(null, new LockoutOptions { MaxFailedAttempts = attempts, Duration = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Identity:Lockout:", StringComparison.Ordinal));
    }

    [Fact]
    public void LockoutOptions_Defaults_FiveAttemptsFifteenMinutes()
    {
        var options = new LockoutOptions();

        Assert.Equal(5, options.MaxFailedAttempts);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Duration);
        Assert.True(new LockoutOptionsValidator().Validate(null, options).Succeeded);
    }
}
