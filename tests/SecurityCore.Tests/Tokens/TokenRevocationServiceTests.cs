using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenRevocationServiceTests
{
    [Fact]
    public void RevokeAccessToken_RefusesThatTokenOnly()
    {
        using var harness = TokenTestHarness.Create();
        var revoked = harness.IssueAccessToken();
        var other = harness.IssueAccessToken();

        harness.Revocations.RevokeAccessToken(revoked.TokenId, revoked.ExpiresAt, "usr_admin");

        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(revoked.Token).ErrorCode);
        Assert.True(harness.Validator.Validate(other.Token).IsValid);
        var reported = harness.Events.OfType(SecurityEventTypes.TokenRevoked).Single();
        Assert.Equal(revoked.TokenId, reported.Target);
        Assert.Equal("usr_admin", reported.SubjectId);
        Assert.Equal("access_token", reported.Details["kind"]);
    }

    [Fact]
    public void RevokeSession_RefusesEveryAccessTokenOfTheSessionAndRevokesItsRefreshFamily()
    {
        using var harness = TokenTestHarness.Create();
        harness.RefreshTokens.IssueFirst("usr_alice", "mcpsec-login", "mcp", [], ["pwd"], harness.Time.GetUtcNow(), "sess-a");
        var a1 = harness.IssueAccessToken(sessionId: "sess-a");
        var a2 = harness.IssueAccessToken(sessionId: "sess-a");
        var b = harness.IssueAccessToken(sessionId: "sess-b");

        harness.Revocations.RevokeSession("sess-a");

        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(a1.Token).ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(a2.Token).ErrorCode);
        Assert.True(harness.Validator.Validate(b.Token).IsValid);
        Assert.Equal("1", harness.Events.OfType(SecurityEventTypes.TokenRevoked).Single().Details["refresh_tokens_revoked"]);
    }

    [Fact]
    public void RevokeSubject_RefusesTokensIssuedUpToNowButNotLaterOnes()
    {
        using var harness = TokenTestHarness.Create();
        var before = harness.IssueAccessToken(subject: "usr_erin");
        var otherUser = harness.IssueAccessToken(subject: "usr_frank");
        harness.Time.Advance(TimeSpan.FromMilliseconds(400));

        harness.Revocations.RevokeSubject("usr_erin");
        var sameSecond = harness.IssueAccessToken(subject: "usr_erin");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var after = harness.IssueAccessToken(subject: "usr_erin");

        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(before.Token).ErrorCode);
        // iat has whole-second resolution: within the revocation's second the safe answer is "revoked".
        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(sameSecond.Token).ErrorCode);
        Assert.True(harness.Validator.Validate(after.Token).IsValid);
        Assert.True(harness.Validator.Validate(otherUser.Token).IsValid);
    }

    [Fact]
    public void RevokeSubject_AlsoRevokesTheSubjectsRefreshTokens()
    {
        using var harness = TokenTestHarness.Create();
        var refresh = harness.RefreshTokens.IssueFirst("usr_gina", "mcpsec-login", "mcp", [], ["pwd"], harness.Time.GetUtcNow(), "sess-g");

        harness.Revocations.RevokeSubject("usr_gina");

        Assert.Equal(RefreshTokenState.Revoked, harness.RefreshTokens.Find(refresh).State);
    }

    [Fact]
    public void Revocations_SurviveARestart()
    {
        using var harness = TokenTestHarness.Create();
        var byJti = harness.IssueAccessToken(subject: "usr_1", sessionId: "s1");
        var bySession = harness.IssueAccessToken(subject: "usr_2", sessionId: "s2");
        var bySubject = harness.IssueAccessToken(subject: "usr_3", sessionId: "s3");
        var oldKey = harness.IssueAccessToken(subject: "usr_4", sessionId: "s4");
        harness.Revocations.RevokeAccessToken(byJti.TokenId, byJti.ExpiresAt);
        harness.Revocations.RevokeSession("s2");
        harness.Revocations.RevokeSubject("usr_3");
        harness.Revocations.RevokeSigningKey(oldKey.KeyId);

        using var restarted = harness.Restart();

        Assert.Equal(4, restarted.Revocations.Count);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, restarted.Validator.Validate(byJti.Token).ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, restarted.Validator.Validate(bySession.Token).ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, restarted.Validator.Validate(bySubject.Token).ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, restarted.Validator.Validate(oldKey.Token).ErrorCode);
        Assert.True(restarted.Validator.Validate(restarted.IssueAccessToken(subject: "usr_5", sessionId: "s5").Token).IsValid);
    }

    [Fact]
    public void Entries_ExpireWhenEveryTokenTheyCouldRefuseHasExpired()
    {
        using var harness = TokenTestHarness.Create();
        var token = harness.IssueAccessToken();
        var now = harness.Time.GetUtcNow();
        var span = harness.Options.AccessTokenLifetime + harness.Options.ClockSkew;

        harness.Revocations.RevokeAccessToken(token.TokenId, token.ExpiresAt);
        harness.Revocations.RevokeSession("sess-x");
        harness.Revocations.RevokeSubject("usr_x");

        var entries = harness.RevocationRepository.GetAll().ToDictionary(e => e.Kind);
        Assert.Equal(token.ExpiresAt + harness.Options.ClockSkew, entries[RevocationKind.AccessToken].ExpiresAt);
        Assert.Equal(now + span, entries[RevocationKind.Session].ExpiresAt);
        Assert.Equal(now + span, entries[RevocationKind.Subject].ExpiresAt);
        Assert.Equal(now, entries[RevocationKind.Subject].RevokedAt);
    }

    [Fact]
    public void RevokeSigningKey_EntryLastsUntilTheKeysVerifyUntil()
    {
        using var harness = TokenTestHarness.Create();
        var oldKey = harness.ActiveKey.KeyId;
        harness.Keys.Rotate();
        var verifyUntil = harness.Keys.List().Single(k => k.KeyId == oldKey).VerifyUntil;

        harness.Revocations.RevokeSigningKey(oldKey);

        Assert.Equal(verifyUntil, harness.RevocationRepository.GetAll().Single().ExpiresAt);
    }

    [Fact]
    public void SweepExpired_RemovesOnlyEntriesPastTheirExpiry_FromMemoryAndStore()
    {
        using var harness = TokenTestHarness.Create();
        var token = harness.IssueAccessToken();
        harness.Revocations.RevokeAccessToken(token.TokenId, token.ExpiresAt);
        harness.Revocations.RevokeAccessToken("long-lived", harness.Time.GetUtcNow().AddHours(2));
        harness.Revocations.RevokeSession("sess-y");

        harness.Time.Advance(harness.Options.AccessTokenLifetime + harness.Options.ClockSkew + TimeSpan.FromSeconds(1));
        var removed = harness.Revocations.SweepExpired();

        Assert.Equal(2, removed);
        Assert.Equal(1, harness.Revocations.Count);
        Assert.Equal("long-lived", Assert.Single(harness.RevocationRepository.GetAll()).Value);
    }

    [Fact]
    public void Load_SkipsEntriesThatAlreadyExpired()
    {
        using var harness = TokenTestHarness.Create();
        harness.Revocations.RevokeSession("sess-z");
        harness.Time.Advance(TimeSpan.FromHours(1));

        using var restarted = harness.Restart();

        Assert.Equal(0, restarted.Revocations.Count);
    }
}
