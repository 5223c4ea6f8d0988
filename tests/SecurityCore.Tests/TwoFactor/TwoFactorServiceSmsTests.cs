using System.Security.Cryptography;
using System.Text;
using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwoFactorServiceSmsTests : IDisposable
{
    private const string UserId = TwoFactorTestContext.UserId;
    private const string Phone = "+447700900123";
    private readonly TwoFactorTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private TwoFactorService Service => _context.Service;

    [Theory]
    [InlineData("07700900123")]
    [InlineData("+0447700900123")]
    [InlineData("+4477")]
    [InlineData("+4477009001234567")]
    [InlineData("+44 7700 9001a3")]
    [InlineData("")]
    public async Task BeginSmsEnrollment_NotE164_RefusesNamingTheField(string phone)
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.BeginSmsEnrollmentAsync(UserId, phone));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Equal("phone_number", refusal.Details!["field"]);
        Assert.Empty(_context.Sms.Messages);
    }

    [Fact]
    public async Task BeginSmsEnrollment_FormattedNumber_SendsASixDigitCodeToTheE164NumberAndMasksIt()
    {
        var dispatch = await Service.BeginSmsEnrollmentAsync(UserId, "+44 (7700) 900-123");

        var message = Assert.Single(_context.Sms.Messages);
        Assert.Equal(Phone, message.To);
        Assert.Matches("^[0-9]{6}$", RecordingSmsSender.CodeOf(message));
        Assert.Contains("MCP Security Server", message.Body, StringComparison.Ordinal);
        Assert.Contains("5 minutes", message.Body, StringComparison.Ordinal);
        Assert.Equal("+44*******123", dispatch.MaskedPhoneNumber);
        Assert.Equal(_context.Time.GetUtcNow().AddMinutes(5), dispatch.ExpiresAt);
        Assert.Equal("recording", dispatch.Provider);
        var status = await Service.GetStatusAsync(UserId);
        Assert.True(status.SmsEnrollmentPending);
        Assert.False(status.SmsEnabled);
        Assert.Null(status.MaskedPhoneNumber);
    }

    [Fact]
    public async Task ConfirmSmsEnrollment_CodeSentToThePhone_EnrolsShowsTheMaskedNumberAndIssuesRecoveryCodes()
    {
        await Service.BeginSmsEnrollmentAsync(UserId, Phone);

        var confirmed = await Service.ConfirmSmsEnrollmentAsync(UserId, _context.Sms.LastCode);

        Assert.Equal(TwoFactorMethods.Sms, confirmed.Method);
        Assert.Equal(10, confirmed.RecoveryCodes!.Count);
        var status = await Service.GetStatusAsync(UserId);
        Assert.True(status.IsEnrolled);
        Assert.True(status.SmsEnabled);
        Assert.False(status.SmsEnrollmentPending);
        Assert.Equal("+44*******123", status.MaskedPhoneNumber);
        Assert.Equal([TwoFactorMethods.Sms, TwoFactorMethods.RecoveryCode], status.Methods);
    }

    [Fact]
    public async Task ConfirmSmsEnrollment_AfterTotp_IssuesNoNewRecoveryCodes()
    {
        var (_, recoveryCodes) = await _context.EnrollTotpAsync();

        var smsRecoveryCodes = await _context.EnrollSmsAsync();

        Assert.Null(smsRecoveryCodes);
        Assert.Equal([TwoFactorMethods.Totp, TwoFactorMethods.Sms, TwoFactorMethods.RecoveryCode], (await Service.GetStatusAsync(UserId)).Methods);
        Assert.True((await Service.VerifyRecoveryCodeAsync(UserId, recoveryCodes[0])).Succeeded);
    }

    [Fact]
    public async Task ConfirmSmsEnrollment_WrongCode_RefusesAndStaysPending()
    {
        await Service.BeginSmsEnrollmentAsync(UserId, Phone);

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ConfirmSmsEnrollmentAsync(UserId, Other(_context.Sms.LastCode)));

        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, refusal.Code);
        Assert.False((await Service.GetStatusAsync(UserId)).SmsEnabled);
        await Service.ConfirmSmsEnrollmentAsync(UserId, _context.Sms.LastCode);
        Assert.True((await Service.GetStatusAsync(UserId)).SmsEnabled);
    }

    [Fact]
    public async Task ConfirmSmsEnrollment_NothingPending_RefusesNotEnrolled()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.ConfirmSmsEnrollmentAsync(UserId, "123456"));

        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, refusal.Code);
    }

    [Fact]
    public async Task SendSmsLoginCode_NotEnrolled_RefusesWithoutSending()
    {
        await Service.BeginSmsEnrollmentAsync(UserId, Phone);
        _context.Time.Advance(TimeSpan.FromMinutes(1));

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.SendSmsLoginCodeAsync(UserId));

        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, refusal.Code);
        Assert.Single(_context.Sms.Messages);
    }

    [Fact]
    public async Task VerifySmsCode_RightCodeWithinFiveMinutes_SucceedsOnce()
    {
        await EnrollAndSendLoginCodeAsync();
        var code = _context.Sms.LastCode;
        _context.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        var first = await Service.VerifySmsCodeAsync(UserId, code);
        var second = await Service.VerifySmsCodeAsync(UserId, code);

        Assert.True(first.Succeeded);
        Assert.Equal(TwoFactorAmr.Sms, first.Amr);
        Assert.False(second.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, second.ErrorCode);
    }

    [Fact]
    public async Task VerifySmsCode_AfterFiveMinutes_RefusesTheExpiredCode()
    {
        await EnrollAndSendLoginCodeAsync();
        var code = _context.Sms.LastCode;
        _context.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await Service.VerifySmsCodeAsync(UserId, code);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, result.ErrorCode);
        Assert.Equal("expired", _context.Events.Events[^1].Details["reason"]);
        Assert.Null(_context.Repository.Find(UserId)!.SmsCode);
    }

    [Fact]
    public async Task VerifySmsCode_FourWrongThenRight_Succeeds()
    {
        await EnrollAndSendLoginCodeAsync();
        var code = _context.Sms.LastCode;
        for (var i = 0; i < 4; i++)
        {
            Assert.False((await Service.VerifySmsCodeAsync(UserId, Other(code))).Succeeded);
        }

        Assert.True((await Service.VerifySmsCodeAsync(UserId, code)).Succeeded);
    }

    [Fact]
    public async Task VerifySmsCode_FiveWrong_VoidsTheCode()
    {
        await EnrollAndSendLoginCodeAsync();
        var code = _context.Sms.LastCode;
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await Service.VerifySmsCodeAsync(UserId, Other(code))).Succeeded);
        }

        var result = await Service.VerifySmsCodeAsync(UserId, code);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, result.ErrorCode);
        Assert.Equal(6, result.ConsecutiveFailures);
        var reasons = _context.Events.Events.Where(e => e.Type == SecurityEventTypes.TwoFactorFailed).Select(e => e.Details["reason"]).ToList();
        Assert.Equal(["mismatch", "mismatch", "mismatch", "mismatch", "attempts_exhausted", "no_code"], reasons);
    }

    [Fact]
    public async Task VerifySmsCode_MaxAttemptsConfigured_VoidsAfterThatMany()
    {
        using var context = new TwoFactorTestContext(options: new TwoFactorOptions { Sms = { MaxAttempts = 2 } });
        await context.EnrollSmsAsync();
        context.Time.Advance(TimeSpan.FromMinutes(1));
        await context.Service.SendSmsLoginCodeAsync(UserId);
        var code = context.Sms.LastCode;

        await context.Service.VerifySmsCodeAsync(UserId, Other(code));
        await context.Service.VerifySmsCodeAsync(UserId, Other(code));

        Assert.False((await context.Service.VerifySmsCodeAsync(UserId, code)).Succeeded);
    }

    [Fact]
    public async Task VerifySmsCode_EnrolmentCode_DoesNotOpenALogin()
    {
        await _context.EnrollSmsAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.BeginSmsEnrollmentAsync(UserId, "+15005550006");

        var result = await Service.VerifySmsCodeAsync(UserId, _context.Sms.LastCode);

        Assert.False(result.Succeeded);
        Assert.Equal("no_code", _context.Events.Events[^1].Details["reason"]);
    }

    [Fact]
    public async Task SendSmsLoginCode_WhileANewNumberIsPending_StillSendsToTheConfirmedNumber()
    {
        await _context.EnrollSmsAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.BeginSmsEnrollmentAsync(UserId, "+15005550006");
        _context.Time.Advance(TimeSpan.FromMinutes(1));

        var dispatch = await Service.SendSmsLoginCodeAsync(UserId);

        Assert.Equal(Phone, _context.Sms.Messages[^1].To);
        Assert.Equal("+44*******123", dispatch.MaskedPhoneNumber);
        Assert.Contains("sign-in code", _context.Sms.Messages[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSmsLoginCode_WithinTheResendInterval_RefusesUntilItPassed()
    {
        await EnrollAndSendLoginCodeAsync();

        _context.Time.Advance(TimeSpan.FromSeconds(20));
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.SendSmsLoginCodeAsync(UserId));
        _context.Time.Advance(TimeSpan.FromSeconds(10));
        await Service.SendSmsLoginCodeAsync(UserId);

        Assert.Equal(SecurityErrorCodes.SmsResendTooSoon, refusal.Code);
        Assert.Equal(10, refusal.Details!["retry_after_seconds"]);
        Assert.Equal(3, _context.Sms.Messages.Count);
    }

    [Fact]
    public async Task SendSmsLoginCode_ANewCode_ReplacesTheOldOne()
    {
        await EnrollAndSendLoginCodeAsync();
        var old = _context.Sms.LastCode;
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        await Service.SendSmsLoginCodeAsync(UserId);
        var current = _context.Sms.LastCode;

        if (old != current)
        {
            Assert.False((await Service.VerifySmsCodeAsync(UserId, old)).Succeeded);
        }

        Assert.True((await Service.VerifySmsCodeAsync(UserId, current)).Succeeded);
    }

    [Fact]
    public async Task SendSmsLoginCode_DeliveryFails_PropagatesTheErrorAndLeavesNoCodeBehind()
    {
        await _context.EnrollSmsAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        _context.Sms.Failure = new SecurityException(SecurityErrorCodes.SmsDeliveryFailed, "down");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.SendSmsLoginCodeAsync(UserId));
        _context.Sms.Failure = null;
        await Service.SendSmsLoginCodeAsync(UserId);

        Assert.Equal(SecurityErrorCodes.SmsDeliveryFailed, refusal.Code);
        Assert.True((await Service.VerifySmsCodeAsync(UserId, _context.Sms.LastCode)).Succeeded);
    }

    [Fact]
    public async Task SmsEnrolment_Stored_PhoneIsEncryptedAndTheCodeOnlySaltedAndHashed()
    {
        await _context.EnrollSmsAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.SendSmsLoginCodeAsync(UserId);
        var code = _context.Sms.LastCode;

        var document = _context.RawDocument();
        var json = JsonSerializer.Serialize(document);
        Assert.DoesNotContain("7700900123", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Phone)), json, StringComparison.Ordinal);
        Assert.Equal(Phone, Encoding.UTF8.GetString(_context.Protector.Unprotect(document["sms_phone_number"].AsBinary, "sms-phone-number")));
        var stored = document["sms_code"].AsDocument;
        Assert.Equal("login", stored["purpose"].AsString);
        Assert.DoesNotContain(StringsOf(document), s => s.Contains(code, StringComparison.Ordinal));
        var salt = stored["salt"].AsBinary;
        Assert.Equal(16, salt.Length);
        Assert.Equal(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(code)]), stored["hash"].AsBinary);
    }

    [Fact]
    public async Task SmsFlow_Always_KeepsCodesAndTheFullNumberOutOfLogsAndEvents()
    {
        await Service.BeginSmsEnrollmentAsync(UserId, Phone);
        var enrolCode = _context.Sms.LastCode;
        await Service.ConfirmSmsEnrollmentAsync(UserId, enrolCode);
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.SendSmsLoginCodeAsync(UserId);
        var loginCode = _context.Sms.LastCode;
        await Service.VerifySmsCodeAsync(UserId, Other(loginCode));
        await Service.VerifySmsCodeAsync(UserId, loginCode);

        var text = _context.LogsAndEvents();
        Assert.Contains(SecurityEventTypes.TwoFactorSmsSent, text, StringComparison.Ordinal);
        Assert.Contains("+44*******123", text, StringComparison.Ordinal);
        Assert.DoesNotContain(enrolCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain(loginCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, _context.Sms.Messages[0].ToString(), StringComparison.Ordinal);
    }

    private async Task EnrollAndSendLoginCodeAsync()
    {
        await _context.EnrollSmsAsync();
        _context.Time.Advance(TimeSpan.FromMinutes(1));
        await Service.SendSmsLoginCodeAsync(UserId);
    }

    private static string Other(string code) => code == "000000" ? "111111" : "000000";

    private static IEnumerable<string> StringsOf(BsonValue value) => value switch
    {
        { IsString: true } => [value.AsString],
        { IsDocument: true } => value.AsDocument.Values.SelectMany(StringsOf),
        { IsArray: true } => value.AsArray.SelectMany(StringsOf),
        _ => [value.ToString()],
    };
}
