using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class SessionServiceTests : IDisposable
{
    private readonly SessionTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task List_AfterLogin_RecordsClientUserAgentAddressAndMethods()
    {
        var user = await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");

        var session = Assert.Single(_host.Sessions.List(user.Id));
        Assert.Equal(login.SessionId, session.Id);
        Assert.Equal("mcpsec-login", session.ClientId);
        Assert.Equal("TestAgent/1.0", session.UserAgent);
        Assert.Equal("192.0.2.10", session.Address);
        Assert.Equal(["pwd"], session.AuthenticationMethods);
        Assert.Equal("active", session.Status);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromMinutes(15), session.IdleExpiresAt);
        Assert.Equal(_host.Time.GetUtcNow() + TimeSpan.FromHours(12), session.ExpiresAt);
    }

    [Fact]
    public async Task Validate_IdleLongerThanTheIdleTimeout_RefusesAndReportsSessionExpired()
    {
        await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");

        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var result = _host.Validator.Validate(login.AccessToken);

        Assert.Equal(SecurityErrorCodes.SessionExpired, result.ErrorCode);
        var expired = await _host.Provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10, SecurityEventTypes.SessionExpired);
        var recorded = Assert.Single(expired);
        Assert.Equal(login.SessionId, recorded.Target);
        Assert.Equal(SessionEndReasons.IdleTimeout, recorded.Details["reason"]);
        // Ended for good: activity afterwards does not revive it, and the refresh token is dead too.
        Assert.False(_host.Validator.Validate(login.AccessToken).IsValid);
        Assert.False((await _host.Grants.RefreshAsync(login.RefreshToken!, null, SessionTestHost.Context)).Succeeded);
    }

    [Fact]
    public async Task Validate_ActivityWithinTheIdleTimeout_KeepsTheSessionAlive()
    {
        await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");

        for (var i = 0; i < 6; i++)
        {
            _host.Time.Advance(TimeSpan.FromMinutes(14));
            var result = _host.Validator.Validate(login.AccessToken);
            Assert.True(result.IsValid, result.ErrorCode);
        }

        _host.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SecurityErrorCodes.SessionExpired, _host.Validator.Validate(login.AccessToken).ErrorCode);
    }

    [Fact]
    public async Task Refresh_AfterTheIdleTimeout_IsRefusedWithSessionExpired()
    {
        await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");

        _host.Time.Advance(TimeSpan.FromMinutes(16));
        var refresh = await _host.Grants.RefreshAsync(login.RefreshToken!, null, SessionTestHost.Context);

        Assert.Equal(SecurityErrorCodes.SessionExpired, refresh.ErrorCode);
        Assert.Equal("invalid_grant", refresh.OAuthError);
    }

    [Fact]
    public async Task RefreshAndValidate_PastTheAbsoluteTimeout_AreRefusedDespiteActivity()
    {
        using var host = new SessionTestHost(new Dictionary<string, string?> { ["Identity:Sessions:AbsoluteTimeout"] = "01:00:00" });
        await host.CreateUserAsync("erin");
        var tokens = await host.LoginAsync("erin");
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(10));
            var refreshed = await host.Grants.RefreshAsync(tokens.RefreshToken!, null, SessionTestHost.Context);
            Assert.True(refreshed.Succeeded, refreshed.ErrorCode);
            tokens = refreshed.Tokens!;
        }

        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SecurityErrorCodes.SessionExpired, host.Validator.Validate(tokens.AccessToken).ErrorCode);
        Assert.False((await host.Grants.RefreshAsync(tokens.RefreshToken!, null, SessionTestHost.Context)).Succeeded);
        var session = Assert.Single(host.Sessions.List(host.Accounts.FindByUsername("erin")!.Id, includeEnded: true));
        Assert.Equal(SessionEndReasons.AbsoluteTimeout, session.EndReason);
    }

    [Fact]
    public async Task Introspect_RefreshTokenOfAnIdleSession_IsInactive()
    {
        await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");
        Assert.True(_host.Grants.Introspect(login.RefreshToken!).Active);

        _host.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.False(_host.Grants.Introspect(login.RefreshToken!).Active);
        Assert.False(_host.Grants.Introspect(login.AccessToken).Active);
    }

    [Fact]
    public async Task Refresh_IsActivity_AndKeepsTheSessionIdUnchanged()
    {
        await _host.CreateUserAsync("erin");
        var login = await _host.LoginAsync("erin");
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var refreshed = (await _host.Grants.RefreshAsync(login.RefreshToken!, null, SessionTestHost.Context)).Tokens!;
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(login.SessionId, refreshed.SessionId);
        Assert.True(_host.Validator.Validate(refreshed.AccessToken).IsValid);
    }

    [Fact]
    public async Task RevokeAsync_OwnSession_EndsItAtOnceAndLeavesTheOtherSessions()
    {
        var user = await _host.CreateUserAsync("erin");
        var first = await _host.LoginAsync("erin");
        var second = await _host.LoginAsync("erin");

        var revoked = await _host.Sessions.RevokeAsync(first.SessionId, SessionTestHost.As(user.Id), ownerId: user.Id);

        Assert.Equal("ended", revoked.Status);
        Assert.Equal(SessionEndReasons.Revoked, revoked.EndReason);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, _host.Validator.Validate(first.AccessToken).ErrorCode);
        Assert.False((await _host.Grants.RefreshAsync(first.RefreshToken!, null, SessionTestHost.Context)).Succeeded);
        Assert.True(_host.Validator.Validate(second.AccessToken).IsValid);
        Assert.Equal(second.SessionId, Assert.Single(_host.Sessions.List(user.Id)).Id);
        Assert.Single(await _host.Provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10, SecurityEventTypes.SessionRevoked));
    }

    [Fact]
    public async Task RevokeAsync_AnotherUsersSession_AnswersNotFoundLikeAnUnknownOne()
    {
        var erin = await _host.CreateUserAsync("erin");
        await _host.CreateUserAsync("frank");
        var franks = await _host.LoginAsync("frank");

        var other = await Assert.ThrowsAsync<SecurityException>(() => _host.Sessions.RevokeAsync(franks.SessionId, SessionTestHost.As(erin.Id), ownerId: erin.Id));
        var unknown = await Assert.ThrowsAsync<SecurityException>(() => _host.Sessions.RevokeAsync("no-such-session", SessionTestHost.As(erin.Id), ownerId: erin.Id));

        Assert.Equal(SecurityErrorCodes.NotFound, other.Code);
        Assert.Equal(unknown.Code, other.Code);
        Assert.True(_host.Validator.Validate(franks.AccessToken).IsValid);
    }

    [Fact]
    public async Task RevokeAllAsync_EndsEverySessionOfTheUser()
    {
        var user = await _host.CreateUserAsync("erin");
        var a = await _host.LoginAsync("erin");
        var b = await _host.LoginAsync("erin");

        var ended = await _host.Sessions.RevokeAllAsync(user.Id, SessionTestHost.As("usr_admin"), SessionEndReasons.Revoked);

        Assert.Equal(2, ended);
        Assert.False(_host.Validator.Validate(a.AccessToken).IsValid);
        Assert.False(_host.Validator.Validate(b.AccessToken).IsValid);
        Assert.Empty(_host.Sessions.List(user.Id));
        Assert.Equal(2, _host.Sessions.List(user.Id, includeEnded: true).Count);
    }

    [Fact]
    public async Task ChangePasswordAndLogin_EndsTheSessionsOpenedWithTheOldPassword()
    {
        await _host.Users.CreateAsync("erin", SessionTestHost.Password, [], mustChangePassword: false);
        var old = await _host.LoginAsync("erin");

        var changed = await _host.Grants.ChangePasswordAndLoginAsync("erin", SessionTestHost.Password, "amber-violin-92-harbour", SessionTestHost.Context);

        Assert.True(changed.Succeeded, changed.ErrorCode);
        Assert.False(_host.Validator.Validate(old.AccessToken).IsValid);
        Assert.True(_host.Validator.Validate(changed.Tokens!.AccessToken).IsValid);
    }

    [Fact]
    public async Task Validate_ClientCredentialsToken_HasNoSessionAndIsNotTimedOut()
    {
        var registration = await _host.Provider.GetRequiredService<IClientService>().RegisterAsync("agent-sessions", null, ["mcp"], []);
        var tokens = (await _host.Grants.ClientCredentialsAsync("agent-sessions", registration.ClientSecret, null, SessionTestHost.Context)).Tokens!;

        _host.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(_host.Validator.Validate(tokens.AccessToken).IsValid);
    }

    [Fact]
    public async Task Flush_WritesTheLastActivityBehind_AndARestartKeepsTheSession()
    {
        using var temp = new TempDirectory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        string access, sessionId;
        DateTimeOffset seen;
        using (var host = new SessionTestHost(temp: temp, time: time))
        {
            await host.CreateUserAsync("erin");
            var login = await host.LoginAsync("erin");
            access = login.AccessToken;
            sessionId = login.SessionId;
            time.Advance(TimeSpan.FromMinutes(10));
            Assert.True(host.Validator.Validate(access).IsValid);
            seen = time.GetUtcNow();
            var repository = host.Provider.GetRequiredService<ISessionRepository>();
            Assert.True(repository.FindById(sessionId)!.LastActivityAt < seen);

            host.Provider.GetServices<IHostedService>().OfType<SessionActivityService>().Single().RunOnce();

            Assert.Equal(seen, repository.FindById(sessionId)!.LastActivityAt);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        using (var restarted = new SessionTestHost(temp: temp, time: time))
        {
            // 20 minutes after login but 10 after the last (written) activity: still alive after the restart.
            Assert.True(restarted.Validator.Validate(access).IsValid);
        }
    }

    [Theory]
    [InlineData("Identity:Sessions:IdleTimeout", "00:00:10", "Identity:Sessions:IdleTimeout")]
    [InlineData("Identity:Sessions:AbsoluteTimeout", "00:05:00", "Identity:Sessions:AbsoluteTimeout")]
    [InlineData("Identity:Sessions:ActivityFlushInterval", "00:20:00", "Identity:Sessions:ActivityFlushInterval")]
    [InlineData("Identity:Sessions:CacheSize", "5", "Identity:Sessions:CacheSize")]
    public void Options_BadValue_FailNamingTheKey(string key, string value, string named)
    {
        using var host = new SessionTestHost(new Dictionary<string, string?> { [key] = value });

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            host.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SessionTimeoutOptions>>().Value);

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
