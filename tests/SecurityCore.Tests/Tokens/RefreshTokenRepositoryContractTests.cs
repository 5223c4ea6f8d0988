using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>
/// What every <see cref="IRefreshTokenRepository"/> must do, above all atomic single-use redemption under real
/// parallelism. Derive once per implementation (in memory here; the LiteDB store derives it too).
/// </summary>
public abstract class RefreshTokenRepositoryContractTests
{
    private const int Contenders = 32;
    private const int Rounds = 50;

    /// <summary>Creates an empty repository; called once per test.</summary>
    protected abstract IRefreshTokenRepository CreateRepository();

    [Fact]
    public void TryRedeem_ManyParallelRedemptionsOfOneToken_ExactlyOneWinsEveryRound()
    {
        var repository = CreateRepository();
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        for (var round = 0; round < Rounds; round++)
        {
            var parent = NewToken($"round{round}-parent", $"family-{round}", now);
            repository.Insert(parent);
            var successors = Enumerable.Range(0, Contenders).Select(i => NewToken($"round{round}-succ{i}", parent.FamilyId, now, parent.TokenHash)).ToArray();
            var wins = new bool[Contenders];

            RunTogether(Contenders, i => wins[i] = repository.TryRedeem(parent.TokenHash, now, successors[i]));

            Assert.Equal(1, wins.Count(w => w));
            var winner = Array.IndexOf(wins, true);
            for (var i = 0; i < Contenders; i++)
            {
                Assert.Equal(i == winner, repository.FindByHash(successors[i].TokenHash) is not null);
            }

            Assert.Equal(now, repository.FindByHash(parent.TokenHash)!.RedeemedAt);
        }
    }

    [Fact]
    public async Task RefreshAsync_ManyParallelPresentationsOfOneToken_ExactlyOneSucceedsEveryRound()
    {
        using var harness = TokenTestHarness.Create(refreshRepository: CreateRepository());
        harness.Users.Add("alice", "correct horse battery staple");
        for (var round = 0; round < Rounds; round++)
        {
            var login = await harness.Grants.PasswordAsync("alice", "correct horse battery staple", null, new TokenRequestContext());
            var refreshToken = login.Tokens!.RefreshToken!;
            var results = new TokenGrantResult[Contenders];

            RunTogether(Contenders, i => results[i] = harness.Grants.RefreshAsync(refreshToken, null, new TokenRequestContext()).GetAwaiter().GetResult());

            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SecurityErrorCodes.RefreshTokenReused, r.ErrorCode));
        }
    }

    [Fact]
    public void TryRedeem_RedeemedOrRevokedToken_Fails()
    {
        var repository = CreateRepository();
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        var redeemed = NewToken("redeemed", "f1", now);
        var revoked = NewToken("revoked", "f2", now);
        repository.Insert(redeemed);
        repository.Insert(revoked);
        Assert.True(repository.TryRedeem("redeemed", now, NewToken("s1", "f1", now, "redeemed")));
        Assert.Equal(1, repository.RevokeFamily("f2", now));

        Assert.False(repository.TryRedeem("redeemed", now, NewToken("s2", "f1", now, "redeemed")));
        Assert.False(repository.TryRedeem("revoked", now, NewToken("s3", "f2", now, "revoked")));
        Assert.False(repository.TryRedeem("unknown", now, NewToken("s4", "f3", now)));
        Assert.Null(repository.FindByHash("s2"));
        Assert.Null(repository.FindByHash("s3"));
    }

    [Fact]
    public void RevokeFamilyAndSubject_ChangeOnlyMatchingUnrevokedTokens()
    {
        var repository = CreateRepository();
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        repository.Insert(NewToken("a1", "fa", now, subject: "alice"));
        repository.Insert(NewToken("a2", "fa", now, subject: "alice"));
        repository.Insert(NewToken("a3", "fb", now, subject: "alice"));
        repository.Insert(NewToken("b1", "fc", now, subject: "bob"));

        Assert.Equal(2, repository.RevokeFamily("fa", now));
        Assert.Equal(0, repository.RevokeFamily("fa", now));
        Assert.Equal(1, repository.RevokeSubject("alice", now));

        Assert.Equal(now, repository.FindByHash("a1")!.RevokedAt);
        Assert.Equal(now, repository.FindByHash("a3")!.RevokedAt);
        Assert.Null(repository.FindByHash("b1")!.RevokedAt);
    }

    [Fact]
    public void DeleteExpired_RemovesTokensWhoseSessionEnded()
    {
        var repository = CreateRepository();
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        repository.Insert(NewToken("old", "f1", now.AddDays(-40)));
        repository.Insert(NewToken("new", "f2", now));

        Assert.Equal(1, repository.DeleteExpired(now));
        Assert.Null(repository.FindByHash("old"));
        Assert.NotNull(repository.FindByHash("new"));
    }

    [Fact]
    public void FindByHash_ReturnsEveryStoredField()
    {
        var repository = CreateRepository();
        var now = DateTimeOffset.UnixEpoch.AddYears(55);
        var token = NewToken("h", "fam", now, "parent");
        token.Roles = ["admin"];
        token.AuthenticationMethods = ["pwd", "otp"];
        repository.Insert(token);

        var found = repository.FindByHash("h")!;

        Assert.Equal(("fam", "parent", "alice", "cli", "mcp tokens"), (found.FamilyId, found.ParentHash, found.Subject, found.ClientId, found.Scope));
        Assert.Equal(["admin"], found.Roles);
        Assert.Equal(["pwd", "otp"], found.AuthenticationMethods);
        Assert.Equal((token.AuthTime, token.IssuedAt, token.ExpiresAt, token.SessionExpiresAt), (found.AuthTime, found.IssuedAt, found.ExpiresAt, found.SessionExpiresAt));
        Assert.Null(found.RedeemedAt);
        Assert.Null(found.RevokedAt);
    }

    private static StoredRefreshToken NewToken(string hash, string family, DateTimeOffset now, string? parent = null, string subject = "alice") => new()
    {
        TokenHash = hash,
        FamilyId = family,
        ParentHash = parent,
        Subject = subject,
        ClientId = "cli",
        Scope = "mcp tokens",
        AuthTime = now,
        IssuedAt = now,
        ExpiresAt = now.AddDays(7),
        SessionExpiresAt = now.AddDays(30),
    };

    /// <summary>Runs <paramref name="count"/> actions on dedicated threads released together by a barrier.</summary>
    private static void RunTogether(int count, Action<int> action)
    {
        using var barrier = new Barrier(count);
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                action(i);
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(errors, e => Assert.Null(e));
    }
}
