using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>The bridge end to end: session exchange (this file) and webhooks (<c>ClerkBridgeTests.Webhooks.cs</c>).</summary>
public sealed partial class ClerkBridgeTests : IAsyncLifetime
{
    private ClerkTestContext _context = null!;

    public Task InitializeAsync()
    {
        _context = new ClerkTestContext();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task ExchangeAsync_FirstExchange_CreatesTheLinkedLocalUserFromTheBackendProfile()
    {
        var result = await _context.Bridge.ExchangeAsync(_context.Token(), new TokenRequestContext("198.51.100.4", "req-1"));

        Assert.True(result.Succeeded, result.Message);
        Assert.True(result.UserCreated);
        Assert.Equal(ClerkTestContext.AdaId, result.ClerkUserId);
        Assert.Equal(ClerkTestContext.SessionId, result.ClerkSessionId);
        Assert.Equal([ClerkExchangeResult.AuthenticationMethod], result.AuthenticationMethods);
        var account = result.User!;
        Assert.Equal("ada.lovelace", account.Username);
        Assert.Equal("Ada Lovelace", account.DisplayName);
        Assert.Equal(["security_reviewer"], account.Roles);
        Assert.Equal("active", account.Status);
        Assert.False(account.MustChangePassword);

        var stored = _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.AdaId)!;
        Assert.Equal(account.Id, stored.Id);
        Assert.Equal("ada@example.org", stored.Email);
        Assert.Equal(["security_reviewer"], stored.External!.GrantedRoles);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717000500000), stored.External.ProfileUpdatedAt);
        Assert.Equal(_context.Time.GetUtcNow(), stored.External.LinkedAt);
        Assert.Equal([$"GET /.well-known/jwks.json auth=none", $"GET /v1/users/{ClerkTestContext.AdaId} auth=ok"], _context.StandIn.Requests);

        Assert.Equal([SecurityEventTypes.UserCreated, SecurityEventTypes.ClerkSessionExchanged], _context.Events.Events.Select(e => e.Type));
        var exchanged = _context.Events.Events[^1];
        Assert.Equal(SecurityEventOutcomes.Success, exchanged.Outcome);
        Assert.Equal(account.Id, exchanged.SubjectId);
        Assert.Equal(ClerkTestContext.SessionId, exchanged.Target);
        Assert.Equal("198.51.100.4", exchanged.Address);
        Assert.Equal("req-1", exchanged.RequestId);
        Assert.Equal("user_created", exchanged.Details["cause"]);
        Assert.Equal("clerk", _context.Events.Events[0].Details["source"]);
    }

    [Fact]
    public async Task ExchangeAsync_CreatedUser_CannotLogInWithAnyPassword()
    {
        var account = (await _context.Bridge.ExchangeAsync(_context.Token())).User!;
        var stored = _context.Users.FindById(account.Id)!;
        var loggers = _context.Logs.CreateFactory();
        var lockout = new AccountLockout(_context.Users, Options.Create(new LockoutOptions()), _context.Events, _context.Time, loggers.CreateLogger<AccountLockout>());
        var users = new UserService(_context.Users, _context.Hasher, new PasswordPolicy(Options.Create(new PasswordPolicyOptions())), _context.Events, _context.Time,
            loggers.CreateLogger<UserService>(), lockout);

        var login = await users.AuthenticateAsync("ada.lovelace", "");
        var guess = await users.AuthenticateAsync("ada.lovelace", "correct horse battery staple");

        Assert.StartsWith("$argon2id$", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, login.ErrorCode);
        Assert.Equal(SecurityErrorCodes.InvalidCredentials, guess.ErrorCode);
    }

    [Fact]
    public async Task ExchangeAsync_SecondExchange_LinksTheSameUserAndAppliesTheOrganizationRole()
    {
        var first = await _context.Bridge.ExchangeAsync(_context.Token());
        var withOrg = await _context.Bridge.ExchangeAsync(_context.Token(c => c["o"] = new Dictionary<string, object?> { ["id"] = "org_1", ["rol"] = "admin", ["slg"] = "acme" }));

        Assert.False(withOrg.UserCreated);
        Assert.Equal(first.User!.Id, withOrg.User!.Id);
        Assert.Equal(["security_reviewer", "tech_lead"], withOrg.User.Roles.Order(StringComparer.Ordinal));
        Assert.Equal("admin", _context.Users.FindById(first.User.Id)!.External!.OrganizationRole);
        Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.UserCreated);
        Assert.Contains(_context.Events.Events, e => e.Type == SecurityEventTypes.UserUpdated && e.Details["changed"] == "roles");
    }

    [Fact]
    public async Task ExchangeAsync_OrganizationRoleGone_TakesBackOnlyTheRolesClerkGranted()
    {
        var id = (await _context.Bridge.ExchangeAsync(_context.Token(c => c["org_role"] = "org:admin"))).User!.Id;
        var stored = _context.Users.FindById(id)!;
        stored.Roles = [.. stored.Roles, "developer"];
        _context.Users.Update(stored);

        var after = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal(["developer", "security_reviewer"], after.User!.Roles.Order(StringComparer.Ordinal));
        Assert.Null(_context.Users.FindById(id)!.External!.OrganizationRole);
    }

    [Fact]
    public async Task ExchangeAsync_UsernameTakenByALocalAccount_NeverTakesItOver()
    {
        var local = new StoredUser
        {
            Id = "usr_local",
            Username = "ada.lovelace",
            PasswordHash = _context.Hasher.Hash("local account passphrase"),
            Roles = [Roles.Admin],
            CreatedAt = _context.Time.GetUtcNow(),
            UpdatedAt = _context.Time.GetUtcNow(),
        };
        _context.Users.TryInsert(local);

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.True(result.Succeeded, result.Message);
        Assert.NotEqual("usr_local", result.User!.Id);
        Assert.Equal("ada@example.org", result.User.Username);
        Assert.DoesNotContain(Roles.Admin, result.User.Roles);
        var untouched = _context.Users.FindById("usr_local")!;
        Assert.Null(untouched.External);
        Assert.Equal([Roles.Admin], untouched.Roles);
        Assert.Equal(local.PasswordHash, untouched.PasswordHash);
    }

    [Fact]
    public async Task ExchangeAsync_UsernameAndEmailTaken_GeneratesOneFromTheClerkId()
    {
        foreach (var name in new[] { "ada.lovelace", "ada@example.org" })
        {
            _context.Users.TryInsert(new StoredUser { Id = "usr_" + name, Username = name, PasswordHash = "x", CreatedAt = _context.Time.GetUtcNow(), UpdatedAt = _context.Time.GetUtcNow() });
        }

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal("clerk_2mq8vr3ktz9lwxbn4py7cj1ehsa", result.User!.Username);
    }

    [Fact]
    public async Task ExchangeAsync_ConcurrentFirstExchanges_CreateOneLocalUser()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _context.Bridge.ExchangeAsync(_context.Token())));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results.Select(r => r.User!.Id).Distinct());
        Assert.Single(results, r => r.UserCreated);
    }

    [Fact]
    public async Task ExchangeAsync_SecondFactorVerifiedAtClerk_AddsMfaToTheMethods()
    {
        var result = await _context.Bridge.ExchangeAsync(_context.Token(c => c["fva"] = new[] { 3, 3 }));

        Assert.Equal([ClerkExchangeResult.AuthenticationMethod, "mfa"], result.AuthenticationMethods);
        Assert.Equal(3, result.SecondFactorAgeMinutes);
    }

    [Fact]
    public async Task ExchangeAsync_BadToken_RefusesWithoutAskingTheBackendApi()
    {
        var result = await _context.Bridge.ExchangeAsync(_context.Token(c => c["iss"] = "https://clerk.attacker.example"));

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.TokenBadIssuer, result.ErrorCode);
        Assert.Null(result.User);
        Assert.DoesNotContain(_context.StandIn.Requests, r => r.Contains("/v1/users/", StringComparison.Ordinal));
        var refused = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventTypes.ClerkSessionExchanged, refused.Type);
        Assert.Equal(SecurityEventOutcomes.Failure, refused.Outcome);
        Assert.Equal(SecurityErrorCodes.TokenBadIssuer, refused.ReasonCode);
        Assert.Equal("verify", refused.Details["cause"]);
    }

    [Fact]
    public async Task ExchangeAsync_UserUnknownToTheBackendApi_RefusesClerkUserNotFound()
    {
        var result = await _context.Bridge.ExchangeAsync(_context.Token(c => c["sub"] = "user_2mQGONE"));

        Assert.Equal(SecurityErrorCodes.ClerkUserNotFound, result.ErrorCode);
        Assert.Equal("user_2mQGONE", result.ClerkUserId);
        Assert.Null(_context.Users.FindByExternalId(ClerkUserSync.Provider, "user_2mQGONE"));
    }

    [Fact]
    public async Task ExchangeAsync_BackendApiDown_RefusesClerkUnavailable()
    {
        _context.StandIn.UsersStatusOverride = 503;

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, result.ErrorCode);
        Assert.Equal("profile", _context.Events.Events[^1].Details["cause"]);
    }

    [Fact]
    public async Task ExchangeAsync_UserBannedAtClerk_SuspendsAndEndsSessions()
    {
        var id = (await _context.Bridge.ExchangeAsync(_context.Token())).User!.Id;
        _context.StandIn.AddUser(ClerkTestContext.AdaId, ClerkTestContext.Fixture("user.json")
            .Replace("\"banned\": false", "\"banned\": true", StringComparison.Ordinal)
            .Replace("1717000500000", "1717000600000", StringComparison.Ordinal));

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Equal("suspended", _context.Users.FindById(id)!.Status);
        Assert.Equal([(id, "clerk")], _context.Revocation!.RevokedSubjects);
        var changed = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.UserStatusChanged);
        Assert.Equal("clerk_user_banned", changed.Details["cause"]);
        Assert.Equal("true", changed.Details["sessions_revoked"]);
        Assert.Equal("clerk_banned", _context.Events.Events[^1].Details["cause"]);
    }

    [Fact]
    public async Task ExchangeAsync_UserLockedAtClerk_RefusesWithoutChangingTheStatus()
    {
        _context.StandIn.AddUser(ClerkTestContext.AdaId, ClerkTestContext.Fixture("user.json").Replace("\"locked\": false", "\"locked\": true", StringComparison.Ordinal));

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Equal("active", _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.AdaId)!.Status);
    }

    [Fact]
    public async Task ExchangeAsync_LocalUserDisabled_Refuses()
    {
        var id = (await _context.Bridge.ExchangeAsync(_context.Token())).User!.Id;
        var stored = _context.Users.FindById(id)!;
        stored.Status = "disabled";
        _context.Users.Update(stored);

        var result = await _context.Bridge.ExchangeAsync(_context.Token());

        Assert.Equal(SecurityErrorCodes.AccountInactive, result.ErrorCode);
        Assert.Equal("disabled", _context.Users.FindById(id)!.Status);
    }

    [Fact]
    public async Task ExchangeAsync_BridgeDisabled_RefusesClerkDisabledWithoutNetwork()
    {
        await using var context = new ClerkTestContext(o => o.Enabled = false);

        var result = await context.Bridge.ExchangeAsync(context.Token());

        Assert.Equal(SecurityErrorCodes.ClerkDisabled, result.ErrorCode);
        Assert.Empty(context.StandIn.Requests);
    }

    [Fact]
    public async Task Bridge_AllPaths_NeverLogOrRecordTokensOrSecrets()
    {
        var token = _context.Token();
        await _context.Bridge.ExchangeAsync(token);
        var badToken = _context.Token(c => c["azp"] = "https://evil.example");
        await _context.Bridge.ExchangeAsync(badToken);
        _context.StandIn.UsersStatusOverride = 401;
        await _context.Bridge.ExchangeAsync(token);
        var body = ClerkTestContext.FixtureBytes("user.created.json");
        await _context.DeliverAsync(body);
        var timestamp = _context.Time.GetUtcNow().ToUnixTimeSeconds();
        var signature = ClerkTestContext.SvixSignature(_context.WebhookKey, "msg_x", timestamp, body);
        await _context.Bridge.HandleWebhookAsync("msg_x", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body.Append((byte)' ').ToArray());
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.deleted.json"));

        var events = string.Join('\n', _context.Events.Events.Select(e => System.Text.Json.JsonSerializer.Serialize(e)));
        var logs = _context.Logs.AllText;
        Assert.NotEmpty(_context.Logs.Entries);
        foreach (var secret in new[] { token, badToken, token.Split('.')[2], _context.SecretKey, _context.Options.WebhookSigningSecret!, Convert.ToBase64String(_context.WebhookKey), signature["v1,".Length..] })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
        }
    }
}
