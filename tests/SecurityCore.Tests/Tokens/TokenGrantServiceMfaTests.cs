using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenGrantServiceMfaTests : IDisposable
{
    private readonly MfaLoginHarness _h = new();

    [Fact]
    public async Task PasswordAsync_EnrolledUser_AnswersMfaRequiredWithTheEnrolledMethods()
    {
        await _h.AddTotpUserAsync("alice");

        var result = await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context);

        Assert.Null(result.Tokens);
        Assert.False(result.EnrollmentRequired);
        Assert.Equal(SecurityErrorCodes.MfaRequired, result.ErrorCode);
        Assert.NotNull(result.Challenge);
        Assert.Contains(TwoFactorMethods.Totp, result.Challenge.Methods);
        Assert.Contains(TwoFactorMethods.RecoveryCode, result.Challenge.Methods);
        Assert.DoesNotContain(TwoFactorMethods.Sms, result.Challenge.Methods);
    }

    [Fact]
    public async Task CompleteMfaAsync_TotpCode_IssuesTokensWithAmrPwdOtpMfa()
    {
        var (_, secret, _) = await _h.AddTotpUserAsync("alice");
        var challenge = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;

        var result = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.True(result.Succeeded, result.Message);
        Assert.NotNull(result.Tokens!.RefreshToken);
        Assert.Equal(["pwd", "otp", "mfa"], _h.AmrOf(result));
    }

    [Fact]
    public async Task CompleteMfaAsync_ChallengeUsedTwice_RefusesTheSecondEvenWithAFreshCode()
    {
        var (_, secret, _) = await _h.AddTotpUserAsync("alice");
        var challenge = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        Assert.True((await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context)).Succeeded);
        _h.Advance(TimeSpan.FromSeconds(30));

        var again = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.False(again.Succeeded);
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, again.ErrorCode);
    }

    [Fact]
    public async Task CompleteMfaAsync_ReplayedCodeOnANewChallenge_IsRefusedAsInvalidCode()
    {
        var (_, secret, _) = await _h.AddTotpUserAsync("alice");
        var code = _h.CurrentCode(secret);
        var first = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        Assert.True((await _h.Grants.CompleteMfaAsync(first.ChallengeId, TwoFactorMethods.Totp, code, MfaLoginHarness.Context)).Succeeded);
        var second = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;

        var replay = await _h.Grants.CompleteMfaAsync(second.ChallengeId, TwoFactorMethods.Totp, code, MfaLoginHarness.Context);

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, replay.ErrorCode);
    }

    [Fact]
    public async Task CompleteMfaAsync_FiveWrongCodes_VoidTheChallengeAndEmitLoginFailedEvents()
    {
        var (userId, secret, _) = await _h.AddTotpUserAsync("alice");
        var challenge = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        var wrong = _h.CurrentCode(secret) == "000000" ? "111111" : "000000";

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, wrong, MfaLoginHarness.Context)).ErrorCode);
        }

        var correct = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.Equal(Enumerable.Repeat(SecurityErrorCodes.TwoFactorInvalidCode, 4), codes.Take(4));
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, codes[4]);
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, correct.ErrorCode);
        var failures = _h.Tokens.Events.Events
            .Where(e => e.Type == SecurityEventTypes.LoginFailed && e.SubjectId == userId && e.Details.GetValueOrDefault("stage") == "second_factor")
            .ToList();
        Assert.Equal(5, failures.Count);
        Assert.All(failures, e => Assert.DoesNotContain(wrong, string.Join(',', e.Details.Values), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteMfaAsync_ExpiredChallenge_IsRefused()
    {
        var (_, secret, _) = await _h.AddTotpUserAsync("alice");
        var challenge = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        _h.Advance(_h.Tokens.Options.MfaChallengeLifetime + TimeSpan.FromSeconds(1));

        var result = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, _h.CurrentCode(secret), MfaLoginHarness.Context);

        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, result.ErrorCode);
    }

    [Fact]
    public async Task CompleteMfaAsync_RecoveryCode_IssuesTokensWithAmrRec()
    {
        var (_, _, recovery) = await _h.AddTotpUserAsync("alice");
        var challenge = (await _h.Grants.PasswordAsync("alice", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;

        var result = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.RecoveryCode, recovery[0], MfaLoginHarness.Context);

        Assert.Equal(["pwd", "rec", "mfa"], _h.AmrOf(result));
    }

    [Fact]
    public async Task SendMfaSmsAsync_ThenCompleteMfaAsync_IssuesTokensWithAmrSms()
    {
        var user = _h.Tokens.Users.Add("bob", MfaLoginHarness.Password);
        await _h.TwoFactor.EnrollSmsAsync(userId: user.Id);
        _h.Advance(TimeSpan.FromMinutes(2));
        var challenge = (await _h.Grants.PasswordAsync("bob", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        Assert.Contains(TwoFactorMethods.Sms, challenge.Methods);

        var dispatch = await _h.Grants.SendMfaSmsAsync(challenge.ChallengeId, MfaLoginHarness.Context);
        var result = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Sms, _h.TwoFactor.Sms.LastCode, MfaLoginHarness.Context);

        Assert.DoesNotContain("0900", dispatch.MaskedPhoneNumber, StringComparison.Ordinal);
        Assert.Equal(["pwd", "sms", "mfa"], _h.AmrOf(result));
    }

    [Fact]
    public async Task SendMfaSmsAsync_UnknownChallenge_ThrowsChallengeInvalid()
    {
        var ex = await Assert.ThrowsAsync<SecurityException>(() => _h.Grants.SendMfaSmsAsync("not-a-challenge", MfaLoginHarness.Context));

        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, ex.Code);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.SecurityReviewer)]
    [InlineData(Roles.Architect)]
    public async Task PasswordAsync_EnforcedRoleWithoutFactor_AnswersEnrollmentRequired(string role)
    {
        _h.Tokens.Users.Add("root", MfaLoginHarness.Password, [role]);

        var result = await _h.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context);

        Assert.Null(result.Tokens);
        Assert.True(result.EnrollmentRequired);
        Assert.Equal(SecurityErrorCodes.MfaEnrollmentRequired, result.ErrorCode);
        Assert.Equal([TwoFactorMethods.Totp, TwoFactorMethods.Sms], result.Challenge!.Methods);
    }

    [Fact]
    public async Task EnrollmentChallenge_PermitsOnlyEnrolment_ThenFinishesTheLoginWithOtp()
    {
        _h.Tokens.Users.Add("root", MfaLoginHarness.Password, [Roles.Admin]);
        var challenge = (await _h.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;

        var verify = await _h.Grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, "123456", MfaLoginHarness.Context);
        var sms = await Assert.ThrowsAsync<SecurityException>(() => _h.Grants.SendMfaSmsAsync(challenge.ChallengeId, MfaLoginHarness.Context));
        var enrollment = await _h.Grants.BeginChallengeTotpEnrollmentAsync(challenge.ChallengeId, MfaLoginHarness.Context);
        var result = await _h.Grants.ConfirmChallengeTotpEnrollmentAsync(challenge.ChallengeId, _h.CurrentCode(enrollment.Secret), MfaLoginHarness.Context);
        var reuse = await Assert.ThrowsAsync<SecurityException>(() => _h.Grants.BeginChallengeTotpEnrollmentAsync(challenge.ChallengeId, MfaLoginHarness.Context));

        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, verify.ErrorCode);
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, sms.Code);
        Assert.Equal(["pwd", "otp", "mfa"], _h.AmrOf(result));
        Assert.Equal(10, result.RecoveryCodes!.Count);
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, reuse.Code);
        _h.Advance(TimeSpan.FromSeconds(30));
        var next = await _h.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context);
        Assert.False(next.EnrollmentRequired);
        Assert.Equal(SecurityErrorCodes.MfaRequired, next.ErrorCode);
    }

    [Fact]
    public async Task EnrollmentChallenge_SmsEnrolment_FinishesTheLoginWithSms()
    {
        _h.Tokens.Users.Add("root", MfaLoginHarness.Password, [Roles.Admin]);
        var challenge = (await _h.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;

        await _h.Grants.BeginChallengeSmsEnrollmentAsync(challenge.ChallengeId, "+447700900123", MfaLoginHarness.Context);
        var result = await _h.Grants.ConfirmChallengeSmsEnrollmentAsync(challenge.ChallengeId, _h.TwoFactor.Sms.LastCode, MfaLoginHarness.Context);

        Assert.Equal(["pwd", "sms", "mfa"], _h.AmrOf(result));
    }

    [Fact]
    public async Task PasswordAsync_RoleNotEnforced_IssuesTokensWithAmrPwd()
    {
        _h.Tokens.Users.Add("dev", MfaLoginHarness.Password, ["operator"]);

        var result = await _h.Grants.PasswordAsync("dev", MfaLoginHarness.Password, null, MfaLoginHarness.Context);

        Assert.Equal(["pwd"], _h.AmrOf(result));
    }

    [Fact]
    public async Task PasswordAsync_ConfiguredEnforcedRole_AnswersEnrollmentRequired_AndEnforceFalseTurnsItOff()
    {
        using var configured = new MfaLoginHarness(new TwoFactorOptions { EnforcedRoles = ["operator"] });
        configured.Tokens.Users.Add("dev", MfaLoginHarness.Password, ["operator"]);
        configured.Tokens.Users.Add("rev", MfaLoginHarness.Password, [Roles.SecurityReviewer]);
        using var off = new MfaLoginHarness(new TwoFactorOptions { Enforce = false });
        off.Tokens.Users.Add("root", MfaLoginHarness.Password, [Roles.Admin]);

        Assert.True((await configured.Grants.PasswordAsync("dev", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).EnrollmentRequired);
        Assert.True((await configured.Grants.PasswordAsync("rev", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Succeeded);
        Assert.True((await off.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Succeeded);
    }

    [Fact]
    public async Task ConfirmChallengeTotpEnrollmentAsync_WrongCodes_VoidTheEnrolmentChallenge()
    {
        _h.Tokens.Users.Add("root", MfaLoginHarness.Password, [Roles.Admin]);
        var challenge = (await _h.Grants.PasswordAsync("root", MfaLoginHarness.Password, null, MfaLoginHarness.Context)).Challenge!;
        var enrollment = await _h.Grants.BeginChallengeTotpEnrollmentAsync(challenge.ChallengeId, MfaLoginHarness.Context);
        var wrong = _h.CurrentCode(enrollment.Secret) == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            await _h.Grants.ConfirmChallengeTotpEnrollmentAsync(challenge.ChallengeId, wrong, MfaLoginHarness.Context);
        }

        var late = await _h.Grants.ConfirmChallengeTotpEnrollmentAsync(challenge.ChallengeId, _h.CurrentCode(enrollment.Secret), MfaLoginHarness.Context);
        Assert.Equal(SecurityErrorCodes.MfaChallengeInvalid, late.ErrorCode);
    }

    public void Dispose() => _h.Dispose();
}
