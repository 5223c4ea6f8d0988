using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbTwoFactorRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1234567);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbTwoFactorRepository Repository => new(_context.Store);

    [Fact]
    public void TrySave_New_ThenFind_RoundTripsEveryFieldAcrossRestart()
    {
        var enrollment = Full("usr_1");

        Assert.True(Repository.TrySave(enrollment, 0));
        _context.Reopen();
        var found = Repository.Find("usr_1");

        Assert.NotNull(found);
        Assert.Equal(1, found.Version);
        Assert.Equal([1, 2, 3], found.Totp!.EncryptedSecret);
        Assert.Equal("SHA256", found.Totp.Algorithm);
        Assert.Equal(8, found.Totp.Digits);
        Assert.Equal(60, found.Totp.Period);
        Assert.Equal(At, found.Totp.CreatedAt);
        Assert.Equal(At.AddMinutes(1), found.TotpConfirmedAt);
        Assert.Equal(55_555_555_555L, found.TotpLastUsedStep);
        Assert.Equal([9], found.PendingTotp!.EncryptedSecret);
        Assert.Equal([4, 5], found.SmsPhoneNumber);
        Assert.Equal(At.AddMinutes(2), found.SmsConfirmedAt);
        Assert.Equal([6], found.PendingSmsPhoneNumber);
        Assert.Equal("login", found.SmsCode!.Purpose);
        Assert.Equal([7], found.SmsCode.Hash);
        Assert.Equal([8], found.SmsCode.Salt);
        Assert.Equal(At.AddMinutes(5), found.SmsCode.ExpiresAt);
        Assert.Equal(2, found.SmsCode.FailedAttempts);
        Assert.Equal(2, found.RecoveryCodes.Length);
        Assert.Equal(At.AddHours(1), found.RecoveryCodes[1].UsedAt);
        Assert.Null(found.RecoveryCodes[0].UsedAt);
        Assert.Equal(At, found.RecoveryCodesIssuedAt);
        Assert.Equal(3, found.ConsecutiveFailures);
        Assert.Equal(At.UtcTicks, found.CreatedAt.UtcTicks);
    }

    [Fact]
    public void TrySave_StaleVersion_RefusesAndKeepsTheNewerDocument()
    {
        Assert.True(Repository.TrySave(Full("usr_1"), 0));
        var first = Repository.Find("usr_1")!;
        var second = Repository.Find("usr_1")!;
        first.ConsecutiveFailures = 10;
        second.ConsecutiveFailures = 20;

        Assert.True(Repository.TrySave(first, 1));
        Assert.False(Repository.TrySave(second, 1));

        var stored = Repository.Find("usr_1")!;
        Assert.Equal(2, stored.Version);
        Assert.Equal(10, stored.ConsecutiveFailures);
    }

    [Fact]
    public void TrySave_NewWhenOneExists_Refuses()
    {
        Assert.True(Repository.TrySave(Full("usr_1"), 0));

        Assert.False(Repository.TrySave(Full("usr_1"), 0));
        Assert.False(Repository.TrySave(Full("usr_2"), 3));
        Assert.Null(Repository.Find("usr_2"));
    }

    [Fact]
    public void TrySave_ParallelWritersOfOneVersion_OnlyOneWins()
    {
        Repository.TrySave(Full("usr_1"), 0);

        var wins = Enumerable.Range(0, 16).AsParallel().Count(i =>
        {
            var copy = Repository.Find("usr_1")!;
            copy.ConsecutiveFailures = i;
            return Repository.TrySave(copy, 1);
        });

        Assert.Equal(1, wins);
        Assert.Equal(2, Repository.Find("usr_1")!.Version);
    }

    [Fact]
    public void Delete_Existing_RemovesIt()
    {
        Repository.TrySave(Full("usr_1"), 0);

        Assert.True(Repository.Delete("usr_1"));
        Assert.False(Repository.Delete("usr_1"));
        Assert.Null(Repository.Find("usr_1"));
    }

    private static StoredTwoFactorEnrollment Full(string userId) => new()
    {
        UserId = userId,
        Totp = new StoredTotpSecret { EncryptedSecret = [1, 2, 3], Algorithm = "SHA256", Digits = 8, Period = 60, CreatedAt = At },
        TotpConfirmedAt = At.AddMinutes(1),
        TotpLastUsedStep = 55_555_555_555L,
        PendingTotp = new StoredTotpSecret { EncryptedSecret = [9], CreatedAt = At },
        SmsPhoneNumber = [4, 5],
        SmsConfirmedAt = At.AddMinutes(2),
        PendingSmsPhoneNumber = [6],
        SmsCode = new StoredSmsCode { Purpose = "login", Hash = [7], Salt = [8], CreatedAt = At, ExpiresAt = At.AddMinutes(5), FailedAttempts = 2 },
        RecoveryCodes = [new StoredRecoveryCode { Hash = [10], Salt = [11] }, new StoredRecoveryCode { Hash = [12], Salt = [13], UsedAt = At.AddHours(1) }],
        RecoveryCodesIssuedAt = At,
        ConsecutiveFailures = 3,
        CreatedAt = At,
        UpdatedAt = At,
    };
}
