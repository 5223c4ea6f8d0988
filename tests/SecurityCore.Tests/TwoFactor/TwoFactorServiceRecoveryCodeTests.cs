using System.Security.Cryptography;
using System.Text;
using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwoFactorServiceRecoveryCodeTests : IDisposable
{
    private const string UserId = TwoFactorTestContext.UserId;
    private readonly TwoFactorTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private TwoFactorService Service => _context.Service;

    [Fact]
    public async Task ConfirmFirstFactor_Always_IssuesTenDistinctGroupedBase32Codes()
    {
        var (_, codes) = await _context.EnrollTotpAsync();

        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{5}-[a-z2-7]{5}$", c));
        Assert.Equal(10, codes.Distinct().Count());
    }

    [Fact]
    public async Task VerifyRecoveryCode_EachCode_WorksOnceWithAmrRec()
    {
        var (_, codes) = await _context.EnrollTotpAsync();

        var first = await Service.VerifyRecoveryCodeAsync(UserId, codes[3]);
        var again = await Service.VerifyRecoveryCodeAsync(UserId, codes[3]);

        Assert.True(first.Succeeded);
        Assert.Equal(TwoFactorMethods.RecoveryCode, first.Method);
        Assert.Equal("rec", first.Amr);
        Assert.Equal(9, first.RecoveryCodesRemaining);
        Assert.False(again.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, again.ErrorCode);
        Assert.Equal(9, (await Service.GetStatusAsync(UserId)).RecoveryCodesRemaining);
        Assert.Equal("9", _context.Events.Events.Single(e => e.Type == SecurityEventTypes.TwoFactorVerified).Details["recovery_codes_remaining"]);
    }

    [Fact]
    public async Task VerifyRecoveryCode_UpperCaseWithoutHyphenOrWithSpaces_Accepts()
    {
        var (_, codes) = await _context.EnrollTotpAsync();

        Assert.True((await Service.VerifyRecoveryCodeAsync(UserId, codes[0].Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())).Succeeded);
        Assert.True((await Service.VerifyRecoveryCodeAsync(UserId, " " + codes[1].Replace("-", " ", StringComparison.Ordinal) + " ")).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("aaaaa-aaaa")]
    [InlineData("aaaaa-aaaaa-a")]
    [InlineData("aaaaa-aaaa1")]
    public async Task VerifyRecoveryCode_WrongOrMalformed_RefusesWithTheGenericError(string code)
    {
        await _context.EnrollTotpAsync();

        var result = await Service.VerifyRecoveryCodeAsync(UserId, code);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorInvalidCode, result.ErrorCode);
        Assert.Equal(10, result.RecoveryCodesRemaining);
    }

    [Fact]
    public async Task VerifyRecoveryCode_AllUsed_RefusesTheEleventh()
    {
        var (_, codes) = await _context.EnrollTotpAsync();
        foreach (var code in codes)
        {
            Assert.True((await Service.VerifyRecoveryCodeAsync(UserId, code)).Succeeded);
        }

        var result = await Service.VerifyRecoveryCodeAsync(UserId, codes[0]);

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.RecoveryCodesRemaining);
        Assert.DoesNotContain(TwoFactorMethods.RecoveryCode, (await Service.GetStatusAsync(UserId)).Methods);
    }

    [Fact]
    public async Task VerifyRecoveryCode_NotEnrolled_ReturnsNotEnrolled()
    {
        var result = await Service.VerifyAsync(UserId, TwoFactorMethods.RecoveryCode, "aaaaa-bbbbb", LoginOrigin.Unknown);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, result.ErrorCode);
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_Always_VoidsTheOldSetAndIssuesANewOne()
    {
        var (_, old) = await _context.EnrollTotpAsync();
        await Service.VerifyRecoveryCodeAsync(UserId, old[0]);

        var fresh = await Service.RegenerateRecoveryCodesAsync(UserId);

        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        Assert.Equal(10, (await Service.GetStatusAsync(UserId)).RecoveryCodesRemaining);
        foreach (var code in old.Skip(1))
        {
            Assert.False((await Service.VerifyRecoveryCodeAsync(UserId, code)).Succeeded);
        }

        Assert.True((await Service.VerifyRecoveryCodeAsync(UserId, fresh[9])).Succeeded);
        var regenerated = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.RecoveryCodesRegenerated);
        Assert.Equal("10", regenerated.Details["count"]);
    }

    [Fact]
    public async Task RegenerateRecoveryCodes_NoConfirmedFactor_RefusesNotEnrolled()
    {
        await Service.BeginTotpEnrollmentAsync(UserId, "alice");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Service.RegenerateRecoveryCodesAsync(UserId));

        Assert.Equal(SecurityErrorCodes.TwoFactorNotEnrolled, refusal.Code);
    }

    [Fact]
    public async Task RecoveryCodes_Stored_OnlyAsSaltedSha256()
    {
        var (_, codes) = await _context.EnrollTotpAsync();

        var document = _context.RawDocument();
        var json = JsonSerializer.Serialize(document);
        var stored = document["recovery_codes"].AsArray.Select(v => v.AsDocument).ToList();
        Assert.Equal(10, stored.Count);
        foreach (var code in codes)
        {
            var normalized = code.Replace("-", "", StringComparison.Ordinal);
            Assert.DoesNotContain(normalized, json, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(stored, s => SHA256.HashData([.. s["salt"].AsBinary, .. Encoding.UTF8.GetBytes(normalized.ToUpperInvariant())])
                .AsSpan().SequenceEqual(s["hash"].AsBinary));
        }

        Assert.Equal(10, stored.Select(s => Convert.ToBase64String(s["salt"].AsBinary)).Distinct().Count());
    }

    [Fact]
    public async Task VerifyRecoveryCode_ConcurrentRequestsWithOneCode_ExactlyOneSucceeds()
    {
        var (_, codes) = await _context.EnrollTotpAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Service.VerifyRecoveryCodeAsync(UserId, codes[0]))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(9, (await Service.GetStatusAsync(UserId)).RecoveryCodesRemaining);
    }
}
