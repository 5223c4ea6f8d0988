using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary><see cref="TokenGrantService.SignInExternalAsync"/>: sign-in of users authenticated by an external identity provider.</summary>
public sealed class TokenGrantServiceExternalTests
{
    private const string Password = "correct horse battery staple";
    private static readonly TokenRequestContext Context = new("203.0.113.7", "req-1");

    [Fact]
    public async Task SignInExternalAsync_ActiveUser_OpensASessionWithTheGivenMethods()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password, ["security_reviewer"]);

        var result = await harness.Grants.SignInExternalAsync(user, ["clerk_session", "mfa"], null, Context);

        Assert.True(result.Succeeded);
        var tokens = result.Tokens!;
        var access = harness.Validator.Validate(tokens.AccessToken).Token!;
        Assert.Equal(user.Id, access.Subject);
        Assert.Equal(["security_reviewer"], access.Roles);
        Assert.Equal(["clerk_session", "mfa"], access.AuthenticationMethods);
        Assert.Equal(tokens.SessionId, access.SessionId);
        var stored = harness.RefreshRepository.FindByHash(RefreshTokenService.Hash(tokens.RefreshToken!))!;
        Assert.Equal(tokens.SessionId, stored.FamilyId);
        Assert.Equal(["clerk_session", "mfa"], stored.AuthenticationMethods);
        var login = Assert.Single(harness.Events.OfType(SecurityEventTypes.LoginSucceeded));
        Assert.Equal("external:clerk_session", login.Details["method"]);
        var issued = Assert.Single(harness.Events.OfType(SecurityEventTypes.TokenIssued));
        Assert.Equal("external:clerk_session", issued.Details["grant_type"]);
        Assert.Equal("req-1", issued.RequestId);
    }

    [Fact]
    public async Task SignInExternalAsync_RefreshOfTheSession_KeepsTheMethods()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password);
        var first = (await harness.Grants.SignInExternalAsync(user, ["clerk_session"], null, Context)).Tokens!;

        var refreshed = await harness.Grants.RefreshAsync(first.RefreshToken!, null, Context);

        Assert.True(refreshed.Succeeded);
        Assert.Equal(["clerk_session"], harness.Validator.Validate(refreshed.Tokens!.AccessToken).Token!.AuthenticationMethods);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("suspended")]
    public async Task SignInExternalAsync_InactiveUserAsStoredNow_IsRefusedAccountInactive(string status)
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password);
        harness.Users.SetStatus("ada", status);

        // The caller's copy still says active: the stored account decides.
        var result = await harness.Grants.SignInExternalAsync(user, ["clerk_session"], null, Context);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Equal("invalid_grant", result.OAuthError);
        Assert.Empty(harness.Events.OfType(SecurityEventTypes.TokenIssued));
        Assert.Equal(SecurityErrorCodes.AccountInactive, Assert.Single(harness.Events.OfType(SecurityEventTypes.LoginFailed)).ReasonCode);
    }

    [Fact]
    public async Task SignInExternalAsync_SecondFactorRequiredWithoutMfa_AnswersAChallenge()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password, requiresSecondFactor: true);

        var withoutMfa = await harness.Grants.SignInExternalAsync(user, ["clerk_session"], null, Context);
        var withMfa = await harness.Grants.SignInExternalAsync(user, ["clerk_session", "mfa"], null, Context);

        Assert.NotNull(withoutMfa.Challenge);
        Assert.Null(withoutMfa.Tokens);
        Assert.Equal(SecurityErrorCodes.MfaRequired, withoutMfa.ErrorCode);
        Assert.True(withMfa.Succeeded);
    }

    [Theory]
    [InlineData()]
    [InlineData("")]
    [InlineData("Clerk Session")]
    [InlineData("pwd\n")]
    public async Task SignInExternalAsync_BadMethods_AreRefusedAsValidation(params string[] methods)
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password);

        var result = await harness.Grants.SignInExternalAsync(user, methods, null, Context);

        Assert.Equal(SecurityErrorCodes.ValidationFailed, result.ErrorCode);
        Assert.Empty(harness.Events.OfType(SecurityEventTypes.TokenIssued));
    }

    [Fact]
    public async Task SignInExternalAsync_ScopeNotAllowed_IsRefused()
    {
        using var harness = TokenTestHarness.Create();
        var user = harness.Users.Add("ada", Password);

        var result = await harness.Grants.SignInExternalAsync(user, ["clerk_session"], "admin:everything", Context);

        Assert.Equal(SecurityErrorCodes.InvalidScope, result.ErrorCode);
    }
}
