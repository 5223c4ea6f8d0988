using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.TwoFactor;
using OtpNet;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

/// <summary>The published RFC 6238 and RFC 4226 vectors, run through the two-factor service (enrol, confirm, verify).</summary>
public sealed class TotpVectorTests
{
    public static IEnumerable<object[]> TotpRows => OtpVectors.TotpRows();

    public static IEnumerable<object[]> TotpRowsAfterTwoMinutes => OtpVectors.TotpRows().Where(row => (long)row[2] >= 120);

    public static IEnumerable<object[]> HotpRows => OtpVectors.HotpRows();

    [Theory]
    [MemberData(nameof(TotpRows))]
    public async Task ConfirmTotpEnrollment_Rfc6238Vector_AcceptsTheCodeAtItsStep(string algorithm, string secret, long unixTime, long step, string code)
    {
        using var context = new TwoFactorTestContext(DateTimeOffset.FromUnixTimeSeconds(unixTime));
        await context.Service.BeginTotpEnrollmentAsync(TwoFactorTestContext.UserId, TwoFactorTestContext.Username,
            OtpVectors.Ascii(secret), new TotpParameters(Mode(algorithm), 8, 30), CancellationToken.None);

        var confirmed = await context.Service.ConfirmTotpEnrollmentAsync(TwoFactorTestContext.UserId, code);

        Assert.Equal(TwoFactorMethods.Totp, confirmed.Method);
        Assert.Equal(step, context.Repository.Find(TwoFactorTestContext.UserId)!.TotpLastUsedStep);
        // The confirming code is spent: presenting it again is a replay.
        var replay = await context.Service.VerifyTotpAsync(TwoFactorTestContext.UserId, code);
        Assert.False(replay.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, replay.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(TotpRowsAfterTwoMinutes))]
    public async Task VerifyTotp_Rfc6238Vector_Succeeds(string algorithm, string secret, long unixTime, long step, string code)
    {
        var parameters = new TotpParameters(Mode(algorithm), 8, 30);
        var enrolledAt = DateTimeOffset.FromUnixTimeSeconds(unixTime - 90);
        using var context = new TwoFactorTestContext(enrolledAt);
        await context.Service.BeginTotpEnrollmentAsync(TwoFactorTestContext.UserId, TwoFactorTestContext.Username,
            OtpVectors.Ascii(secret), parameters, CancellationToken.None);
        var confirmCode = new Totp(OtpVectors.Ascii(secret), 30, Mode(algorithm), 8).ComputeTotp(enrolledAt.UtcDateTime);
        await context.Service.ConfirmTotpEnrollmentAsync(TwoFactorTestContext.UserId, confirmCode);

        context.Time.Advance(TimeSpan.FromSeconds(90));
        var result = await context.Service.VerifyTotpAsync(TwoFactorTestContext.UserId, code);

        Assert.True(result.Succeeded);
        Assert.Equal(TwoFactorAmr.Otp, result.Amr);
        Assert.Equal(step, context.Repository.Find(TwoFactorTestContext.UserId)!.TotpLastUsedStep);
    }

    [Theory]
    [MemberData(nameof(HotpRows))]
    public async Task ConfirmTotpEnrollment_Rfc4226Vector_AcceptsTheCodeOfThatCounterAsTimeStep(string secret, long counter, string code)
    {
        // TOTP is HOTP with the time step as counter (RFC 6238 section 4): counter c is the step of unix time 30c .. 30c + 29.
        using var context = new TwoFactorTestContext(DateTimeOffset.FromUnixTimeSeconds(counter * 30 + 15));
        await context.Service.BeginTotpEnrollmentAsync(TwoFactorTestContext.UserId, TwoFactorTestContext.Username,
            OtpVectors.Ascii(secret), TotpParameters.Default, CancellationToken.None);

        await context.Service.ConfirmTotpEnrollmentAsync(TwoFactorTestContext.UserId, code);

        Assert.Equal(counter, context.Repository.Find(TwoFactorTestContext.UserId)!.TotpLastUsedStep);
    }

    [Fact]
    public async Task BeginTotpEnrollment_Rfc6238Sha1Secret_ReturnsTheFixtureBase32()
    {
        using var context = new TwoFactorTestContext();

        var enrollment = await context.Service.BeginTotpEnrollmentAsync(TwoFactorTestContext.UserId, TwoFactorTestContext.Username,
            OtpVectors.Ascii("12345678901234567890"), TotpParameters.Default, CancellationToken.None);

        Assert.Equal(OtpVectors.Sha1SecretBase32, enrollment.Secret);
        Assert.Contains("secret=" + OtpVectors.Sha1SecretBase32 + "&", enrollment.OtpAuthUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeginTotpEnrollment_Sha512EightDigits_SaysSoInTheUri()
    {
        using var context = new TwoFactorTestContext();

        var enrollment = await context.Service.BeginTotpEnrollmentAsync(TwoFactorTestContext.UserId, TwoFactorTestContext.Username,
            OtpVectors.Ascii("1234567890123456789012345678901234567890123456789012345678901234"), new TotpParameters(OtpHashMode.Sha512, 8, 30), CancellationToken.None);

        Assert.EndsWith("&algorithm=SHA512&digits=8&period=30", enrollment.OtpAuthUri, StringComparison.Ordinal);
    }

    private static OtpHashMode Mode(string algorithm) => algorithm switch
    {
        "sha256" => OtpHashMode.Sha256,
        "sha512" => OtpHashMode.Sha512,
        _ => OtpHashMode.Sha1,
    };
}
