using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbSecurityEventRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.FromHours(3)).AddTicks(5);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbSecurityEventRepository Repository => new(_context.Store);

    [Fact]
    public void Append_EventWithOnlyRequiredFields_RoundTripsWithEmptyDetailsAndNulls()
    {
        var appended = new SecurityEvent { Type = SecurityEventTypes.SigningKeyRotated, OccurredAt = At };
        Repository.Append(appended);

        _context.Reopen();
        var read = Assert.Single(Repository.GetRecent(5));

        Assert.Equal(appended.Id, read.Id);
        Assert.Equal(At, read.OccurredAt);
        Assert.Equal(SecurityEventOutcomes.Success, read.Outcome);
        Assert.Null(read.SubjectId);
        Assert.Null(read.ReasonCode);
        Assert.Empty(read.Details);
    }

    [Fact]
    public void Append_SameIdTwice_IsRefused()
    {
        var appended = new SecurityEvent { Type = SecurityEventTypes.TokenIssued, OccurredAt = At };
        Repository.Append(appended);

        Assert.Throws<LiteDB.LiteException>(() => Repository.Append(appended));
        Assert.Single(Repository.GetRecent(5));
    }

    [Fact]
    public void GetRecent_MoreThanTheCap_ReturnsAtMostTheCap()
    {
        for (var i = 0; i < 3; i++)
        {
            Repository.Append(new SecurityEvent { Type = SecurityEventTypes.TokenIssued, OccurredAt = At });
        }

        Assert.Equal(3, Repository.GetRecent(int.MaxValue).Count);
        Assert.Equal(2, Repository.GetRecent(2).Count);
    }
}
