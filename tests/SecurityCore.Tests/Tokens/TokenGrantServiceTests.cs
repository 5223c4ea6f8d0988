using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenGrantServiceTests
{
    private const string Password = "correct horse battery staple";
    private static readonly TokenRequestContext Context = new("203.0.113.7", "req-1");

    [Fact]
    public async Task PasswordAsync_ValidCredentials_IssuesAccessAndRefreshTokenInANewSession()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("alice", Password, ["admin"]);

        var result = await harness.Grants.PasswordAsync("alice", Password, null, Context);

        Assert.True(result.Succeeded);
        var tokens = result.Tokens!;
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.Equal("mcp", tokens.Scope);
        Assert.StartsWith(RefreshTokenService.Prefix, tokens.RefreshToken, StringComparison.Ordinal);
        var access = harness.Validator.Validate(tokens.AccessToken).Token!;
        Assert.Equal(user.Id, access.Subject);
        Assert.Equal(["admin"], access.Roles);
        Assert.Equal(["pwd"], access.AuthenticationMethods);
        Assert.Equal(tokens.SessionId, access.SessionId);
        Assert.Equal(harness.Options.LoginClientId, access.ClientId);
        Assert.Single(harness.Events.OfType(SecurityEventTypes.LoginSucceeded));
        var issued = Assert.Single(harness.Events.OfType(SecurityEventTypes.TokenIssued));
        Assert.Equal(access.TokenId, issued.Target);
        Assert.Equal("203.0.113.7", issued.Address);
        Assert.Equal("req-1", issued.RequestId);
    }

    [Fact]
    public async Task PasswordAsync_RefreshToken_IsStoredOnlyAsItsHash()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);

        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        Assert.Null(harness.RefreshRepository.FindByHash(tokens.RefreshToken!));
        var stored = harness.RefreshRepository.FindByHash(RefreshTokenService.Hash(tokens.RefreshToken!))!;
        Assert.Matches("^[0-9a-f]{64}$", stored.TokenHash);
        Assert.Equal(tokens.SessionId, stored.FamilyId);
        Assert.Equal(harness.Time.GetUtcNow() + harness.Options.RefreshTokenLifetime, stored.ExpiresAt);
        Assert.Equal(harness.Time.GetUtcNow() + harness.Options.SessionLifetime, stored.SessionExpiresAt);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(tokens.RefreshToken!.AsSpan(RefreshTokenService.Prefix.Length)).Length);
    }

    [Fact]
    public async Task PasswordAsync_UnknownUserAndWrongPassword_AnswerAlike()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);

        var unknown = await harness.Grants.PasswordAsync("nobody", Password, null, Context);
        var wrong = await harness.Grants.PasswordAsync("alice", "wrong password!", null, Context);

        Assert.Equal(SecurityErrorCodes.InvalidCredentials, unknown.ErrorCode);
        Assert.Equal((unknown.ErrorCode, unknown.OAuthError, unknown.Message), (wrong.ErrorCode, wrong.OAuthError, wrong.Message));
        Assert.Equal("invalid_grant", wrong.OAuthError);
        // The user service reports failed checks; the grant must not count them a second time.
        Assert.Empty(harness.Events.OfType(SecurityEventTypes.LoginFailed));
        Assert.Empty(harness.Events.OfType(SecurityEventTypes.TokenIssued));
    }

    [Fact]
    public async Task PasswordAsync_MustChangePassword_ReturnsNoTokens()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("admin", Password, ["admin"], mustChangePassword: true);

        var result = await harness.Grants.PasswordAsync("admin", Password, null, Context);

        Assert.False(result.Succeeded);
        Assert.True(result.PasswordChangeRequired);
        Assert.Equal(SecurityErrorCodes.PasswordChangeRequired, result.ErrorCode);
        Assert.Null(result.Tokens);
        Assert.Equal(0, ((Fakes.InMemoryRefreshTokenRepository)harness.RefreshRepository).Count);
    }

    [Fact]
    public async Task ChangePasswordAndLoginAsync_ThenIssuesTokens()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("admin", Password, ["admin"], mustChangePassword: true);

        var result = await harness.Grants.ChangePasswordAndLoginAsync("admin", Password, "a much better passphrase", Context);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(harness.Validator.Validate(result.Tokens!.AccessToken).IsValid);
        Assert.True((await harness.Grants.PasswordAsync("admin", "a much better passphrase", null, Context)).Succeeded);
    }

    [Theory]
    [InlineData(Password, "short", SecurityErrorCodes.PasswordPolicyViolation, "invalid_request")]
    [InlineData("wrong password!", "a much better passphrase", SecurityErrorCodes.InvalidCredentials, "invalid_grant")]
    public async Task ChangePasswordAndLoginAsync_Refused_ReturnsTheCode(string current, string next, string code, string oauthError)
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("admin", Password, ["admin"], mustChangePassword: true);

        var result = await harness.Grants.ChangePasswordAndLoginAsync("admin", current, next, Context);

        Assert.Equal((code, oauthError), (result.ErrorCode, result.OAuthError));
        Assert.Null(result.Tokens);
    }

    [Fact]
    public async Task PasswordAsync_SecondFactorRequired_ReturnsAShortLivedChallengeInsteadOfTokens()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("bob", Password, requiresSecondFactor: true);

        var result = await harness.Grants.PasswordAsync("bob", Password, null, Context);

        Assert.Null(result.Tokens);
        Assert.Equal(SecurityErrorCodes.MfaRequired, result.ErrorCode);
        Assert.Equal("mfa_required", result.OAuthError);
        var challenge = result.Challenge!;
        Assert.Equal(harness.Time.GetUtcNow() + harness.Options.MfaChallengeLifetime, challenge.ExpiresAt);
        Assert.NotEmpty(challenge.Methods);
        Assert.Single(harness.Events.OfType(SecurityEventTypes.MfaChallengeIssued));

        var pending = harness.Challenges.TryTake(challenge.ChallengeId)!;
        Assert.Equal(user.Id, pending.UserId);
        Assert.Null(harness.Challenges.TryTake(challenge.ChallengeId));
    }

    [Fact]
    public async Task MfaChallenge_AfterItsLifetime_CannotBeTaken()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("bob", Password, requiresSecondFactor: true);
        var challenge = (await harness.Grants.PasswordAsync("bob", Password, null, Context)).Challenge!;

        harness.Time.Advance(harness.Options.MfaChallengeLifetime);

        Assert.Null(harness.Challenges.TryTake(challenge.ChallengeId));
    }

    [Theory]
    [InlineData("locked")]
    [InlineData("disabled")]
    public async Task PasswordAsync_InactiveAccount_IsRefused(string status)
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("carl", Password, status: status);

        var result = await harness.Grants.PasswordAsync("carl", Password, null, Context);

        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Null(result.Tokens);
    }

    [Fact]
    public async Task PasswordAsync_ScopeOutsideTheDefaults_IsInvalidScope()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);

        var result = await harness.Grants.PasswordAsync("alice", Password, "mcp admin:everything", Context);

        Assert.Equal((SecurityErrorCodes.InvalidScope, "invalid_scope"), (result.ErrorCode, result.OAuthError));
    }

    [Fact]
    public async Task ClientCredentialsAsync_ValidClient_IssuesAnAccessTokenWithoutRefreshToken()
    {
        using var harness = TokenTestHarness.Create(o => o.DefaultScopes = ["mcp", "handoff"]);
        harness.Clients.Add("agent-1", "s3cr3t-s3cr3t", ["mcp", "tokens:write"], ["agent"]);

        var result = await harness.Grants.ClientCredentialsAsync("agent-1", "s3cr3t-s3cr3t", null, Context);

        Assert.True(result.Succeeded);
        Assert.Null(result.Tokens!.RefreshToken);
        Assert.Equal("mcp", result.Tokens.Scope);
        var access = harness.Validator.Validate(result.Tokens.AccessToken).Token!;
        Assert.Equal(("agent-1", "agent-1"), (access.Subject, access.ClientId));
        Assert.Equal(["agent"], access.Roles);
        Assert.Empty(access.AuthenticationMethods);
        Assert.Equal(SecurityEventOutcomes.Success, harness.Events.OfType(SecurityEventTypes.ClientAuthenticated).Single().Outcome);
    }

    [Fact]
    public async Task ClientCredentialsAsync_RequestedAllowedScopes_AreGranted()
    {
        using var harness = TokenTestHarness.Create();
        harness.Clients.Add("agent-1", "s3cr3t-s3cr3t", ["mcp", "tokens:write"]);

        var result = await harness.Grants.ClientCredentialsAsync("agent-1", "s3cr3t-s3cr3t", "tokens:write mcp", Context);

        Assert.Equal("tokens:write mcp", result.Tokens!.Scope);
        Assert.Equal(["tokens:write", "mcp"], harness.Validator.Validate(result.Tokens.AccessToken).Token!.Scopes);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("mcp admin")]
    [InlineData("bad\"scope")]
    public async Task ClientCredentialsAsync_ScopeNotAllowed_IsInvalidScope(string scope)
    {
        using var harness = TokenTestHarness.Create();
        harness.Clients.Add("agent-1", "s3cr3t-s3cr3t", ["mcp"]);

        var result = await harness.Grants.ClientCredentialsAsync("agent-1", "s3cr3t-s3cr3t", scope, Context);

        Assert.Equal((SecurityErrorCodes.InvalidScope, "invalid_scope"), (result.ErrorCode, result.OAuthError));
    }

    [Theory]
    [InlineData("agent-1", "wrong")]
    [InlineData("nobody", "s3cr3t-s3cr3t")]
    [InlineData("disabled-agent", "s3cr3t-s3cr3t")]
    [InlineData("", "")]
    public async Task ClientCredentialsAsync_BadClient_IsInvalidClient(string clientId, string secret)
    {
        using var harness = TokenTestHarness.Create();
        harness.Clients.Add("agent-1", "s3cr3t-s3cr3t", ["mcp"]);
        harness.Clients.Add("disabled-agent", "s3cr3t-s3cr3t", ["mcp"], enabled: false);

        var result = await harness.Grants.ClientCredentialsAsync(clientId, secret, null, Context);

        Assert.Equal((SecurityErrorCodes.InvalidCredentials, "invalid_client"), (result.ErrorCode, result.OAuthError));
        Assert.Equal(SecurityEventOutcomes.Failure, harness.Events.OfType(SecurityEventTypes.ClientAuthenticated).Single().Outcome);
    }

    [Fact]
    public async Task RefreshAsync_ValidToken_RotatesWithinTheSameFamily()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password, ["admin"]);
        var first = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await harness.Grants.RefreshAsync(first.RefreshToken!, null, Context);

        var second = result.Tokens!;
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        var access = harness.Validator.Validate(second.AccessToken).Token!;
        Assert.Equal(first.SessionId, access.SessionId);
        Assert.Equal(TokenTestHarness.Start, access.AuthTime);
        var old = harness.RefreshRepository.FindByHash(RefreshTokenService.Hash(first.RefreshToken!))!;
        var next = harness.RefreshRepository.FindByHash(RefreshTokenService.Hash(second.RefreshToken!))!;
        Assert.Equal(harness.Time.GetUtcNow(), old.RedeemedAt);
        Assert.Equal(old.TokenHash, next.ParentHash);
        Assert.Equal(old.FamilyId, next.FamilyId);
        Assert.Single(harness.Events.OfType(SecurityEventTypes.TokenRefreshed));
    }

    [Fact]
    public async Task RefreshAsync_RedeemedTokenPresentedAgain_RevokesTheWholeFamilyAndItsAccessTokens()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var first = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        var second = (await harness.Grants.RefreshAsync(first.RefreshToken!, null, Context)).Tokens!;
        var third = (await harness.Grants.RefreshAsync(second.RefreshToken!, null, Context)).Tokens!;
        Assert.True(harness.Validator.Validate(third.AccessToken).IsValid);

        var replay = await harness.Grants.RefreshAsync(first.RefreshToken!, null, Context);

        Assert.Equal((SecurityErrorCodes.RefreshTokenReused, "invalid_grant"), (replay.ErrorCode, replay.OAuthError));
        foreach (var access in new[] { first.AccessToken, second.AccessToken, third.AccessToken })
        {
            Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(access).ErrorCode);
        }

        Assert.Equal(SecurityErrorCodes.RefreshTokenInvalid, (await harness.Grants.RefreshAsync(third.RefreshToken!, null, Context)).ErrorCode);
        var reuse = Assert.Single(harness.Events.OfType(SecurityEventTypes.RefreshTokenReuse));
        Assert.Equal(first.SessionId, reuse.Target);
        Assert.Equal(SecurityErrorCodes.RefreshTokenReused, reuse.ReasonCode);
    }

    [Fact]
    public async Task RefreshAsync_OtherSessionsOfTheUser_SurviveAReuse()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var stolen = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        var laptop = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        await harness.Grants.RefreshAsync(stolen.RefreshToken!, null, Context);

        await harness.Grants.RefreshAsync(stolen.RefreshToken!, null, Context);

        Assert.True(harness.Validator.Validate(laptop.AccessToken).IsValid);
        Assert.True((await harness.Grants.RefreshAsync(laptop.RefreshToken!, null, Context)).Succeeded);
    }

    [Fact]
    public async Task RefreshAsync_ExpiredRefreshToken_IsRefused()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        harness.Time.Advance(harness.Options.RefreshTokenLifetime);

        Assert.Equal(SecurityErrorCodes.RefreshTokenInvalid, (await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context)).ErrorCode);
    }

    [Fact]
    public async Task RefreshAsync_NeverGoesPastTheSessionLifetime()
    {
        using var harness = TokenTestHarness.Create(o =>
        {
            o.RefreshTokenLifetime = TimeSpan.FromDays(7);
            o.SessionLifetime = TimeSpan.FromDays(10);
        });
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        harness.Time.Advance(TimeSpan.FromDays(6));
        tokens = (await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context)).Tokens!;

        var stored = harness.RefreshRepository.FindByHash(RefreshTokenService.Hash(tokens.RefreshToken!))!;
        Assert.Equal(TokenTestHarness.Start.AddDays(10), stored.ExpiresAt);

        harness.Time.Advance(TimeSpan.FromDays(4));
        Assert.Equal(SecurityErrorCodes.RefreshTokenInvalid, (await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context)).ErrorCode);
    }

    [Fact]
    public async Task RefreshAsync_OtherClientId_IsRefused()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        var result = await harness.Grants.RefreshAsync(tokens.RefreshToken!, "some-other-client", Context);

        Assert.Equal((SecurityErrorCodes.RefreshTokenInvalid, "invalid_grant"), (result.ErrorCode, result.OAuthError));
        Assert.True((await harness.Grants.RefreshAsync(tokens.RefreshToken!, harness.Options.LoginClientId, Context)).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("mcpsec_rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task RefreshAsync_UnknownToken_IsInvalidGrant(string token)
    {
        using var harness = TokenTestHarness.Create();

        var result = await harness.Grants.RefreshAsync(token, null, Context);

        Assert.Equal((SecurityErrorCodes.RefreshTokenInvalid, "invalid_grant"), (result.ErrorCode, result.OAuthError));
    }

    [Fact]
    public async Task RefreshAsync_AccountDisabledSinceLogin_IsRefusedAndTheSessionRevoked()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;
        harness.Users.SetStatus("alice", "disabled");

        var result = await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context);

        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(tokens.AccessToken).ErrorCode);
    }

    [Fact]
    public async Task RevokeAsync_AccessToken_RevokesItsJti()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        await harness.Grants.RevokeAsync(tokens.AccessToken, "access_token", "usr_alice", Context);

        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(tokens.AccessToken).ErrorCode);
        Assert.True((await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context)).Succeeded);
    }

    [Fact]
    public async Task RevokeAsync_RefreshToken_RevokesItsFamilyAndTheSessionsAccessTokens()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        await harness.Grants.RevokeAsync(tokens.RefreshToken!, null, null, Context);

        Assert.Equal(SecurityErrorCodes.TokenRevoked, harness.Validator.Validate(tokens.AccessToken).ErrorCode);
        Assert.Equal(SecurityErrorCodes.RefreshTokenInvalid, (await harness.Grants.RefreshAsync(tokens.RefreshToken!, null, Context)).ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("mcpsec_rt_unknown")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task RevokeAsync_UnknownToken_IsNotAnError(string token)
    {
        using var harness = TokenTestHarness.Create();

        await harness.Grants.RevokeAsync(token, "refresh_token", null, Context);

        Assert.Empty(harness.Events.OfType(SecurityEventTypes.TokenRevoked));
    }

    [Fact]
    public async Task Introspect_ActiveAndRevokedTokens_AnswerActiveAccordingly()
    {
        using var harness = TokenTestHarness.Create();
        harness.Users.Add("alice", Password, ["admin"]);
        var tokens = (await harness.Grants.PasswordAsync("alice", Password, null, Context)).Tokens!;

        var access = harness.Grants.Introspect(tokens.AccessToken);
        var refresh = harness.Grants.Introspect(tokens.RefreshToken!);
        Assert.True(access.Active);
        Assert.Equal("access_token", access.TokenType);
        Assert.True(refresh.Active);
        Assert.Equal("refresh_token", refresh.TokenType);
        Assert.Equal(["admin"], refresh.Token!.Roles);
        Assert.Equal(tokens.SessionId, refresh.Token.SessionId);

        await harness.Grants.RevokeAsync(tokens.RefreshToken!, null, null, Context);

        var revokedAccess = harness.Grants.Introspect(tokens.AccessToken);
        Assert.False(revokedAccess.Active);
        Assert.Null(revokedAccess.Token);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, revokedAccess.ErrorCode);
        Assert.False(harness.Grants.Introspect(tokens.RefreshToken!).Active);
        Assert.False(harness.Grants.Introspect("garbage").Active);
    }
}
