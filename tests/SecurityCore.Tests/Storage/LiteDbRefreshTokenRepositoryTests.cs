using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class LiteDbRefreshTokenRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(42);

    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    private LiteDbRefreshTokenRepository Repository => new(_context.Store);

    [Fact]
    public void Insert_ThenFindByHash_RoundTripsEveryFieldAcrossRestart()
    {
        var token = Token("h1", "fam1");
        token.ParentHash = "h0";
        token.ClientId = "agent";
        token.Scope = "";
        token.Roles = ["admin"];
        token.AuthenticationMethods = ["pwd", "otp"];
        Repository.Insert(token);

        _context.Reopen();
        var found = Repository.FindByHash("h1");

        Assert.NotNull(found);
        Assert.Equal("fam1", found.FamilyId);
        Assert.Equal("h0", found.ParentHash);
        Assert.Equal("usr_1", found.Subject);
        Assert.Equal("agent", found.ClientId);
        Assert.Equal("", found.Scope);
        Assert.Equal(["admin"], found.Roles);
        Assert.Equal(["pwd", "otp"], found.AuthenticationMethods);
        Assert.Equal(Now.AddMinutes(-1), found.AuthTime);
        Assert.Equal(Now, found.IssuedAt);
        Assert.Equal(Now.AddDays(7), found.ExpiresAt);
        Assert.Equal(Now.AddDays(30), found.SessionExpiresAt);
        Assert.Null(found.RedeemedAt);
        Assert.Null(found.RevokedAt);
    }

    [Fact]
    public void TryRedeem_Unused_MarksRedeemedAndInsertsSuccessor()
    {
        Repository.Insert(Token("h1", "fam1"));
        var successor = Token("h2", "fam1");
        successor.ParentHash = "h1";

        Assert.True(Repository.TryRedeem("h1", Now.AddHours(1), successor));

        Assert.Equal(Now.AddHours(1), Repository.FindByHash("h1")!.RedeemedAt);
        Assert.Equal("h1", Repository.FindByHash("h2")!.ParentHash);
    }

    [Fact]
    public void TryRedeem_AlreadyRedeemed_ReturnsFalseAndInsertsNothing()
    {
        Repository.Insert(Token("h1", "fam1"));
        Assert.True(Repository.TryRedeem("h1", Now, Token("h2", "fam1")));

        Assert.False(Repository.TryRedeem("h1", Now.AddSeconds(1), Token("h3", "fam1")));

        Assert.Null(Repository.FindByHash("h3"));
        Assert.Equal(Now, Repository.FindByHash("h1")!.RedeemedAt);
    }

    [Fact]
    public void TryRedeem_Revoked_ReturnsFalse()
    {
        Repository.Insert(Token("h1", "fam1"));
        Repository.RevokeFamily("fam1", Now);

        Assert.False(Repository.TryRedeem("h1", Now, Token("h2", "fam1")));
        Assert.Null(Repository.FindByHash("h2"));
    }

    [Fact]
    public void TryRedeem_Unknown_ReturnsFalse()
    {
        Assert.False(Repository.TryRedeem("nope", Now, Token("h2", "fam1")));
        Assert.Null(Repository.FindByHash("h2"));
    }

    [Fact]
    public void TryRedeem_ManyParallelRedemptions_ExactlyOneWinsPerRound()
    {
        const int threads = 32;
        const int rounds = 50;
        var repository = Repository;
        for (var round = 0; round < rounds; round++)
        {
            repository.Insert(Token($"r{round}", $"fam{round}"));
        }

        var wins = new int[rounds];
        using var barrier = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            // A repository per thread: atomicity must not depend on sharing one repository instance.
            var own = new LiteDbRefreshTokenRepository(_context.Store);
            try
            {
                for (var round = 0; round < rounds; round++)
                {
                    barrier.SignalAndWait();
                    var successor = Token($"r{round}-t{t}", $"fam{round}");
                    successor.ParentHash = $"r{round}";
                    if (own.TryRedeem($"r{round}", Now, successor))
                    {
                        Interlocked.Increment(ref wins[round]);
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
                barrier.RemoveParticipant();
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        Assert.All(wins, count => Assert.Equal(1, count));
        for (var round = 0; round < rounds; round++)
        {
            var successors = Enumerable.Range(0, threads).Count(t => repository.FindByHash($"r{round}-t{t}") is not null);
            Assert.Equal(1, successors);
        }
    }

    [Fact]
    public void RevokeFamily_RevokesOnlyThatFamilyAndCountsChanges()
    {
        Repository.Insert(Token("a1", "famA"));
        Repository.Insert(Token("a2", "famA"));
        Repository.Insert(Token("b1", "famB"));

        Assert.Equal(2, Repository.RevokeFamily("famA", Now));
        Assert.Equal(0, Repository.RevokeFamily("famA", Now.AddSeconds(1)));

        Assert.Equal(Now, Repository.FindByHash("a1")!.RevokedAt);
        Assert.Equal(Now, Repository.FindByHash("a2")!.RevokedAt);
        Assert.Null(Repository.FindByHash("b1")!.RevokedAt);
    }

    [Fact]
    public void RevokeSubject_RevokesEveryFamilyOfTheSubject()
    {
        Repository.Insert(Token("a1", "famA"));
        Repository.Insert(Token("b1", "famB"));
        var other = Token("c1", "famC");
        other.Subject = "usr_2";
        Repository.Insert(other);

        Assert.Equal(2, Repository.RevokeSubject("usr_1", Now));

        Assert.NotNull(Repository.FindByHash("b1")!.RevokedAt);
        Assert.Null(Repository.FindByHash("c1")!.RevokedAt);
    }

    [Fact]
    public void DeleteExpired_RemovesTokensWhoseSessionEndedBefore()
    {
        var old = Token("old", "fam1");
        old.SessionExpiresAt = Now.AddTicks(-1);
        Repository.Insert(old);
        var edge = Token("edge", "fam2");
        edge.SessionExpiresAt = Now;
        Repository.Insert(edge);
        Repository.Insert(Token("live", "fam3"));

        Assert.Equal(1, Repository.DeleteExpired(Now));

        Assert.Null(Repository.FindByHash("old"));
        Assert.NotNull(Repository.FindByHash("edge"));
        Assert.NotNull(Repository.FindByHash("live"));
    }

    private static StoredRefreshToken Token(string hash, string family) => new()
    {
        TokenHash = hash,
        FamilyId = family,
        Subject = "usr_1",
        Scope = "mcp",
        AuthTime = Now.AddMinutes(-1),
        IssuedAt = Now,
        ExpiresAt = Now.AddDays(7),
        SessionExpiresAt = Now.AddDays(30),
    };
}
