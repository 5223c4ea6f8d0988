using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The grants and the lockout: wrong second-factor codes count, a lockout stops codes, a completed login clears.</summary>
public sealed class TokenGrantServiceLockoutTests : IDisposable
{
    private readonly MfaLoginHarness _h = new();
    private readonly RecordingAccountLockout _lockout = new(maxFailures: 3);
    private readonly TokenGrantService _grants;

    public TokenGrantServiceLockoutTests()
    {
        _grants = new TokenGrantService(_h.Tokens.Users, _h.Tokens.Clients, _h.Tokens.Issuer, _h.Tokens.Validator, _h.Tokens.Revocations, _h.Tokens.RefreshTokens,
            _h.Tokens.Challenges, Microsoft.Extensions.Options.Options.Create(_h.Tokens.Options), _h.Tokens.Publisher, _h.Tokens.Time,
            NullLogger<TokenGrantService>.Instance, _h.TwoFactor.Service, Microsoft.Extensions.Options.Options.Create(_h.TwoFactor.Options), _lockout);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CompleteMfaAsync_WrongCodes_CountTowardsTheLockoutAcrossFreshPasswordLogins()
    {
        var (userId, secret, _) = await _h.AddTotpUserAsync("alice");
        var wrong = _h.CurrentCode(secret) == "000000" ? "111111" : "000000";

        var first = await ChallengeAsync();
        var a = await _grants.CompleteMfaAsync(first, TwoFactorMethods.Totp, wrong, MfaLoginHarness.Context);
        var b = await _grants.CompleteMfaAsync(first, TwoFactorMethods.Totp, wrong, MfaLoginHarness.Context);
        var second = await ChallengeAsync();
        var c = await _grants.CompleteMfaAsync(second, TwoFactorMethods.Totp, wrong, MfaLoginHarness.Context);
        var afterLock = await _grants.CompleteMfaAsync(second, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, a.ErrorCode);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, b.ErrorCode);
        Assert.Equal(SecurityErrorCodes.AccountLocked, c.ErrorCode);
        Assert.False(afterLock.Succeeded);
        Assert.Equal(3, _lockout.FailuresOf(userId));
        Assert.All(_lockout.Causes, cause => Assert.Equal("second_factor_totp", cause));
        Assert.Empty(_lockout.Cleared);
    }

    [Fact]
    public async Task CompleteMfaAsync_WhileLocked_RefusesEvenTheRightCode()
    {
        var (userId, secret, _) = await _h.AddTotpUserAsync("alice");
        var challenge = await ChallengeAsync();
        for (var i = 0; i < 3; i++)
        {
            await _lockout.RecordFailureAsync(userId, "wrong_password");
        }

        var result = await _grants.CompleteMfaAsync(challenge, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.Equal(SecurityErrorCodes.AccountLocked, result.ErrorCode);
        Assert.Null(result.Tokens);
    }

    [Fact]
    public async Task CompletedLogin_ClearsTheFailures_APasswordAloneDoesNot()
    {
        var (userId, secret, _) = await _h.AddTotpUserAsync("alice");
        await _lockout.RecordFailureAsync(userId, "second_factor_totp");
        var challenge = await ChallengeAsync();
        Assert.Empty(_lockout.Cleared);

        var result = await _grants.CompleteMfaAsync(challenge, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([userId], _lockout.Cleared);
        Assert.Equal(0, _lockout.FailuresOf(userId));
    }

    [Fact]
    public async Task PasswordAsync_CompletedPasswordOnlyLogin_ClearsTheFailures()
    {
        _h.Tokens.Users.Add("bob", "the right password for bob", status: "active");

        var result = await _grants.PasswordAsync("bob", "the right password for bob", null, MfaLoginHarness.Context);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(_lockout.Cleared, id => id == "usr_bob");
    }

    private async Task<string> ChallengeAsync() =>
        (await _grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!.ChallengeId;
}
