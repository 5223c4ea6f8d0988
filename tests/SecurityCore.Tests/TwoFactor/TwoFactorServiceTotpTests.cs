using System.Text;
using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;
using OtpNet;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwoFactorServiceTotpTests : IDisposable
{
    private const string UserId = TwoFactorTestContext.UserId;
    private readonly TwoFactorTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private TwoFactorService Service => _context.Service;

    [Fact]
    public async Task BeginTotpEnrollment_Always_Returns160BitSecretUriAndQrCodes()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice@example.org");

        Assert.Matches("^[A-Z2-7]{32}$", enrollment.Secret);
        Assert.Equal(20, Base32Encoding.ToBytes(enrollment.Secret).Length);
        Assert.Equal(
            $"otpauth://totp/MCP%20Security%20Server:alice%40example.org?secret={enrollment.Secret}&issuer=MCP%20Security%20Server&algorithm=SHA1&digits=6&period=30",
            enrollment.OtpAuthUri);
        Assert.Equal("MCP Security Server", enrollment.Issuer);
        Assert.Equal("alice@example.org", enrollment.Account);

        Assert.StartsWith("data:image/png;base64,", enrollment.QrCodePngDataUri, StringComparison.Ordinal);
        var png = Convert.FromBase64String(enrollment.QrCodePngDataUri["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 200);
        Assert.Contains("<svg", enrollment.QrCodeSvg, StringComparison.Ordinal);
        Assert.Contains("</svg>", enrollment.QrCodeSvg, StringComparison.Ordinal);
        Assert.DoesNotContain(enrollment.Secret, enrollment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginTotpEnrollment_TwoCalls_GiveDifferentSecretsAndTheSecondOneCounts()
    {
        var first = await Service.BeginTotpEnrollmentAsync(UserId, "alice");
        var second = await Service.BeginTotpEnrollmentAsync(UserId, "alice");

        Assert.NotEqual(first.Secret, second.Secret);
        await Assert.ThrowsAsync<SecurityException>(() => Service.ConfirmTotpEnrollmentAsync(UserId, _context.CurrentCode(first.Secret)));
        var confirmed = await Service.ConfirmTotpEnrollmentAsync(UserId, _context.CurrentCode(second.Secret));
        Assert.Equal(TwoFactorMethods.Totp, confirmed.Method);
    }

    [Fact]
    public async Task BeginTotpEnrollment_IssuerAndAccountWithReservedCharacters_EscapesThemInTheLabel()
    {
        using var context = new TwoFactorTestContext(options: new TwoFactorOptions { Issuer = "Acme & Co/Ops" });

        var enrollment = await context.Service.BeginTotpEnrollmentAsync(UserId, "bob:smith?x=1");

        Assert.StartsWith("otpauth://totp/Acme%20%26%20Co%2FOps:bob%3Asmith%3Fx%3D1?secret=", enrollment.OtpAuthUri, StringComparison.Ordinal);
        Assert.Contains("&issuer=Acme%20%26%20Co%2FOps&", enrollment.OtpAuthUri, StringComparison.Ordinal);
        var uri = new Uri(enrollment.OtpAuthUri);
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\nname")]
    public async Task BeginTotpEnrollment_InvalidUsername_RefusesNamingTheField(string username)
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.BeginTotpEnrollmentAsync(UserId, username));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Equal("username", refusal.Details!["field"]);
    }

    [Fact]
    public async Task BeginTotpEnrollment_BeforeConfirmation_IsPendingAndNotEnrolled()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice");

        var status = await Service.GetStatusAsync(UserId);
        Assert.False(status.IsEnrolled);
        Assert.False(status.TotpEnabled);
        Assert.True(status.TotpEnrollmentPending);
        Assert.Empty(status.Methods);
        Assert.False(await Service.IsEnrolledAsync(UserId));

        // A pending secret does not open a login, even with a right code.
        var result = await Service.VerifyTotpAsync(UserId, _context.CurrentCode(enrollment.Secret));
        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, result.ErrorCode);
        Assert.False(result.CountsAsFailure);
    }

    [Fact]
    public async Task ConfirmTotpEnrollment_ValidFirstCode_EnrolsAndIssuesTenRecoveryCodes()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice");

        var confirmed = await Service.ConfirmTotpEnrollmentAsync(UserId, _context.CurrentCode(enrollment.Secret));

        Assert.Equal(10, confirmed.RecoveryCodes!.Count);
        var status = await Service.GetStatusAsync(UserId);
        Assert.True(status.IsEnrolled);
        Assert.True(status.TotpEnabled);
        Assert.False(status.TotpEnrollmentPending);
        Assert.Equal(10, status.RecoveryCodesRemaining);
        Assert.Equal([TwoFactorMethods.Totp, TwoFactorMethods.RecoveryCode], status.Methods);
        Assert.True(await Service.IsEnrolledAsync(UserId));
        Assert.Contains(_context.Events.Events, e => e.Type == SecurityEventTypes.TwoFactorEnrolled && e.SubjectId == UserId && e.Target == TwoFactorMethods.Totp);
    }

    [Fact]
    public async Task ConfirmTotpEnrollment_WrongCode_RefusesStaysPendingAndCountsTheFailure()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ConfirmTotpEnrollmentAsync(UserId, WrongCode(enrollment.Secret)));

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, refusal.Code);
        var status = await Service.GetStatusAsync(UserId);
        Assert.False(status.IsEnrolled);
        Assert.True(status.TotpEnrollmentPending);
        Assert.Equal(1, _context.Repository.Find(UserId)!.ConsecutiveFailures);
        var failed = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.TwoFactorFailed);
        Assert.Equal("enrollment", failed.Details["stage"]);
    }

    [Fact]
    public async Task ConfirmTotpEnrollment_NothingPending_RefusesNotEnrolled()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ConfirmTotpEnrollmentAsync(UserId, "123456"));

        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, refusal.Code);
    }

    [Fact]
    public async Task BeginTotpEnrollment_WhileEnrolled_KeepsTheOldAuthenticatorUntilTheNewOneIsConfirmed()
    {
        var (old, _) = await _context.EnrollTotpAsync();
        var replacement = await Service.BeginTotpEnrollmentAsync(UserId, "alice");
        _context.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.True((await Service.VerifyTotpAsync(UserId, _context.CurrentCode(old.Secret))).Succeeded);
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        var confirmed = await Service.ConfirmTotpEnrollmentAsync(UserId, _context.CurrentCode(replacement.Secret));
        _context.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(confirmed.RecoveryCodes);
        Assert.False((await Service.VerifyTotpAsync(UserId, _context.CurrentCode(old.Secret))).Succeeded);
        Assert.True((await Service.VerifyTotpAsync(UserId, _context.CurrentCode(replacement.Secret))).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task VerifyTotp_OneStepOfDrift_Accepts(int steps)
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, _context.Time.GetUtcNow().AddSeconds(30 * steps)));

        Assert.True(result.Succeeded);
        Assert.Equal(TwoFactorMethods.Totp, result.Method);
        Assert.Equal(TwoFactorAmr.Otp, result.Amr);
        Assert.Null(result.ErrorCode);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task VerifyTotp_TwoStepsOfDrift_Refuses(int steps)
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, _context.Time.GetUtcNow().AddSeconds(30 * steps)));

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, result.ErrorCode);
        Assert.True(result.CountsAsFailure);
    }

    [Fact]
    public async Task VerifyTotp_WindowOfTwoConfigured_AcceptsTwoStepsButNotThree()
    {
        using var context = new TwoFactorTestContext(options: new TwoFactorOptions { TotpWindow = 2 });
        var (enrollment, _) = await context.EnrollTotpAsync();
        context.Time.Advance(TimeSpan.FromMinutes(10));
        var now = context.Time.GetUtcNow();

        Assert.False((await context.Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now.AddSeconds(-90)))).Succeeded);
        Assert.True((await context.Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now.AddSeconds(-60)))).Succeeded);
        Assert.False((await context.Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now.AddSeconds(90)))).Succeeded);
        Assert.True((await context.Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now.AddSeconds(60)))).Succeeded);
    }

    [Fact]
    public async Task VerifyTotp_SameCodeTwice_RefusesTheReplayWithTheSameErrorAsAWrongCode()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var code = _context.CurrentCode(enrollment.Secret);

        var first = await Service.VerifyTotpAsync(UserId, code);
        var replay = await Service.VerifyTotpAsync(UserId, code);
        var wrong = await Service.VerifyTotpAsync(UserId, WrongCode(enrollment.Secret));

        Assert.True(first.Succeeded);
        Assert.False(replay.Succeeded);
        Assert.Equal(wrong with { ConsecutiveFailures = 1 }, replay);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, replay.ErrorCode);
        var reasons = _context.Events.Events.Where(e => e.Type == SecurityEventTypes.TwoFactorFailed).Select(e => e.Details["reason"]);
        Assert.Equal(["replay", "mismatch"], reasons);
    }

    [Fact]
    public async Task VerifyTotp_AfterAStepWasUsed_RefusesTheCodeOfTheStepBefore()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var now = _context.Time.GetUtcNow();

        Assert.True((await Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now))).Succeeded);
        var earlier = await Service.VerifyTotpAsync(UserId, TwoFactorTestContext.CodeAt(enrollment.Secret, now.AddSeconds(-30)));

        Assert.False(earlier.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, earlier.ErrorCode);
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await Service.VerifyTotpAsync(UserId, _context.CurrentCode(enrollment.Secret))).Succeeded);
    }

    [Fact]
    public async Task VerifyTotp_ConfirmingCodeAgainRightAfterEnrolment_IsAReplay()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice");
        var code = _context.CurrentCode(enrollment.Secret);
        await Service.ConfirmTotpEnrollmentAsync(UserId, code);

        Assert.False((await Service.VerifyTotpAsync(UserId, code)).Succeeded);
    }

    [Fact]
    public async Task VerifyTotp_ConcurrentRequestsWithOneCode_ExactlyOneSucceeds()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var code = _context.CurrentCode(enrollment.Secret);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Service.VerifyTotpAsync(UserId, code))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, r.ErrorCode));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    public async Task VerifyTotp_MalformedCode_RefusesWithTheGenericError(string code)
    {
        await _context.EnrollTotpAsync();

        var result = await Service.VerifyTotpAsync(UserId, code);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyTotp_CodeWithSpaceAsAppsShowIt_Accepts()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var code = _context.CurrentCode(enrollment.Secret);

        Assert.True((await Service.VerifyTotpAsync(UserId, $" {code[..3]} {code[3..]} ")).Succeeded);
    }

    [Fact]
    public async Task VerifyTotp_Failures_AreCountedAndASuccessResetsTheCount()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));

        var first = await Service.VerifyTotpAsync(UserId, WrongCode(enrollment.Secret));
        var second = await Service.VerifyTotpAsync(UserId, WrongCode(enrollment.Secret));
        var success = await Service.VerifyTotpAsync(UserId, _context.CurrentCode(enrollment.Secret));

        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Equal(2, second.ConsecutiveFailures);
        Assert.Equal(0, success.ConsecutiveFailures);
        Assert.Equal(0, _context.Repository.Find(UserId)!.ConsecutiveFailures);
        var failed = _context.Events.Events.Where(e => e.Type == SecurityEventTypes.TwoFactorFailed).ToList();
        Assert.Equal(["1", "2"], failed.Select(e => e.Details["consecutive_failures"]));
        Assert.All(failed, e =>
        {
            Assert.Equal(SecurityEventOutcomes.Failure, e.Outcome);
            Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, e.ReasonCode);
            Assert.Equal(UserId, e.SubjectId);
        });
        var verified = _context.Events.Events[^1];
        Assert.Equal(SecurityEventTypes.TwoFactorVerified, verified.Type);
        Assert.Equal("otp", verified.Details["amr"]);
    }

    [Fact]
    public async Task VerifyTotp_NotEnrolled_ReturnsNotEnrolledWithoutCountingAFailure()
    {
        var result = await Service.VerifyTotpAsync(UserId, "123456");

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, result.ErrorCode);
        Assert.False(result.CountsAsFailure);
        Assert.Null(_context.Repository.Find(UserId));
    }

    [Fact]
    public async Task Verify_ByMethodName_DispatchesRecordsTheOriginAndRefusesUnknownMethods()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var origin = new LoginOrigin("203.0.113.5", "req-1");

        var code = _context.CurrentCode(enrollment.Secret);
        var result = await Service.VerifyAsync(UserId, "totp", code, origin);
        await Service.VerifyAsync(UserId, "totp", code, origin);
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.VerifyAsync(UserId, "TOTP", "123456", origin));

        Assert.True(result.Succeeded);
        var verified = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.TwoFactorVerified);
        var replayed = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.TwoFactorFailed);
        Assert.Equal(("203.0.113.5", "req-1"), (verified.Address, verified.RequestId));
        Assert.Equal(("203.0.113.5", "req-1", "replay"), (replayed.Address, replayed.RequestId, replayed.Details["reason"]));
        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Equal("method", refusal.Details!["field"]);
    }

    [Fact]
    public async Task EnrollTotp_Stored_SecretIsEncryptedAtRestUnderItsPurpose()
    {
        var (enrollment, _) = await _context.EnrollTotpAsync();
        var raw = Base32Encoding.ToBytes(enrollment.Secret);

        var document = _context.RawDocument();
        var json = JsonSerializer.Serialize(document);
        Assert.DoesNotContain(enrollment.Secret, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(raw), json, StringComparison.Ordinal);
        var encrypted = document["totp"]["encrypted_secret"].AsBinary;
        Assert.True(encrypted.AsSpan().IndexOf(raw) < 0);
        Assert.Equal(raw, _context.Protector.Unprotect(encrypted, "totp-secret"));
        Assert.Equal("SHA1", document["totp"]["algorithm"].AsString);
        Assert.True(document["totp_last_used_step"].IsInt64);
        Assert.True(document["pending_totp"].IsNull);

        // Nor is it anywhere in the database files (data file after a checkpoint, and any log file).
        _context.Store.Database.Checkpoint();
        var files = Directory.GetFiles(_context.DataDirectoryPath, "security*.db");
        var bytes = files.SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(UserId)) >= 0, "the scan must see the stored document at all");
        Assert.True(bytes.AsSpan().IndexOf(raw) < 0);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(enrollment.Secret)) < 0);
    }

    [Fact]
    public async Task TotpFlow_Always_KeepsSecretsAndCodesOutOfLogsAndEvents()
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(UserId, "alice");
        var confirmCode = _context.CurrentCode(enrollment.Secret);
        var confirmed = await Service.ConfirmTotpEnrollmentAsync(UserId, confirmCode);
        _context.Time.Advance(TimeSpan.FromMinutes(10));
        var code = _context.CurrentCode(enrollment.Secret);
        await Service.VerifyTotpAsync(UserId, code);
        await Service.VerifyTotpAsync(UserId, code);
        await Service.VerifyRecoveryCodeAsync(UserId, confirmed.RecoveryCodes![0]);

        var text = _context.LogsAndEvents();
        Assert.Contains(SecurityEventTypes.TwoFactorVerified, text, StringComparison.Ordinal);
        Assert.DoesNotContain(enrollment.Secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(confirmCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.All(confirmed.RecoveryCodes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(confirmed.RecoveryCodes[0], confirmed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task GetStatus_EmptyUserId_RefusesNamingTheField(string userId)
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.GetStatusAsync(userId));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Equal("user_id", refusal.Details!["field"]);
    }

    [Fact]
    public async Task GetStatus_UnknownUser_IsNotEnrolled()
    {
        var status = await Service.GetStatusAsync("usr_nobody");

        Assert.Equal(new TwoFactorStatus("usr_nobody", false, false, false, false, false, null, 0, []), status with { Methods = [] });
        Assert.Empty(status.Methods);
    }

    /// <summary>A six-digit code that is none of the codes of the window around now.</summary>
    private string WrongCode(string secret)
    {
        var now = _context.Time.GetUtcNow();
        var valid = new[] { -1, 0, 1 }.Select(s => TwoFactorTestContext.CodeAt(secret, now.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }
}
