using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.TwoFactor;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.SecurityCore.Detection;

/// <summary>Each attack pattern fires from a scripted attack, and only then: not just under its threshold, not on normal traffic.</summary>
public sealed class AttackDetectorTests
{
    private const string Attacker = "203.0.113.66";
    private const string MfaUserPassword = "Vq8-correct-horse-battery";

    [Fact]
    public async Task BruteForce_TenWrongPasswordsOnOneAccount_OpensIncidentAndLocksTheAccountUntilTheLockExpires()
    {
        await using var context = await DetectionTestContext.StartAsync();
        var users = context.Services.GetRequiredService<IUserService>();
        var victim = await users.CreateAsync("victim", "Vq8-" + Guid.NewGuid().ToString("N"), [Roles.Developer], mustChangePassword: false);
        for (var i = 0; i < 10; i++)
        {
            await users.AuthenticateAsync("victim", "wrong-" + i, new LoginOrigin(Attacker));
            context.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.BruteForce, "account:" + victim.Id, IncidentSeverities.High, IncidentStatuses.Open), (incident.Type, incident.SourceKey, incident.Severity, incident.Status));
        Assert.Equal(10, incident.EventCount);
        Assert.Equal("10", incident.Figures["failures"]);
        Assert.All(incident.Evidence, e => Assert.Equal(SecurityEventTypes.LoginFailed, e.EventType));
        var response = Assert.Single(incident.Responses);
        Assert.Equal((IncidentResponseKinds.LockAccount, victim.Id, "applied"), (response.Kind, response.Target, response.Outcome));
        var lockout = context.Services.GetRequiredService<IAccountLockout>();
        Assert.Equal(response.ExpiresAt, lockout.GetLockedUntil(victim.Id));
        Assert.Equal(context.Time.GetUtcNow() + TimeSpan.FromMinutes(30), response.ExpiresAt);
        Assert.Null(context.Blocks.GetBlock(Attacker));
        var locked = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.AccountLocked), e => e.Details.ContainsKey("incident_id"));
        Assert.Equal((incident.Id, "attack_detection:" + IncidentTypes.BruteForce, victim.Id), (locked.Details["incident_id"], locked.Details["cause"], locked.SubjectId));
        Assert.Equal(response.ExpiresAt, DateTimeOffset.Parse(locked.Details["locked_until"], System.Globalization.CultureInfo.InvariantCulture));

        context.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        Assert.Null(lockout.GetLockedUntil(victim.Id));
    }

    [Fact]
    public async Task BruteForce_BlockConfigured_AlsoBlocksTheAddressesInvolved()
    {
        await using var context = await DetectionTestContext.StartAsync(new()
        {
            ["Detection:BruteForce:Responses:0"] = "lock_account",
            ["Detection:BruteForce:Responses:1"] = "block_address",
            ["Detection:BruteForce:BlockDuration"] = "00:02:00",
        });
        for (var i = 0; i < 10; i++)
        {
            await context.WrongPasswordAsync(i % 2 == 0 ? Attacker : "2001:db8:7:7::" + (i + 1), "usr_ghost", TimeSpan.FromSeconds(5));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal(["lock_account:skipped", "block_address:applied", "block_address:applied"], incident.Responses.Select(r => r.Kind + ":" + r.Outcome));
        Assert.NotNull(context.Blocks.GetBlock(Attacker));
        Assert.NotNull(context.Blocks.GetBlock("2001:db8:7:7::abcd"));
        context.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(context.Blocks.GetBlock(Attacker));
    }

    [Fact]
    public async Task BruteForce_NineFailuresInTheWindowOrTenSpreadWide_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 9; i++)
        {
            await context.WrongPasswordAsync(Attacker, "usr_a", TimeSpan.FromSeconds(20));
        }

        // Ten more, one a minute: never more than six inside a five-minute window.
        context.Time.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 10; i++)
        {
            await context.WrongPasswordAsync("198.51.100.1", "usr_b", TimeSpan.FromMinutes(1));
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    [Fact]
    public async Task BruteForce_WrongSecondFactorCodesAtLogin_CountOncePerAttempt()
    {
        await using var context = await DetectionTestContext.StartAsync();
        var (userId, _) = await EnrolledUserAsync(context);
        var grants = context.Services.GetRequiredService<ITokenGrantService>();
        var origin = new TokenRequestContext(Attacker, "r");
        for (var i = 0; i < 5; i++)
        {
            // The password is right, only the code is wrong: a fresh challenge each time.
            var challenge = (await grants.PasswordAsync("mfa-user", MfaUserPassword, null, origin)).Challenge!;
            await grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, "000000", origin);
            context.Time.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Empty(await context.IncidentsAsync(IncidentTypes.BruteForce));
        for (var i = 0; i < 5; i++)
        {
            await context.WrongPasswordAsync(Attacker, userId, TimeSpan.FromSeconds(1));
        }

        var incident = Assert.Single(await context.IncidentsAsync(IncidentTypes.BruteForce));
        Assert.Equal("10", incident.Figures["failures"]);
    }

    [Fact]
    public async Task CredentialStuffing_TenAccountsFromOneAddress_BlocksTheAddressUntilTheBlockExpires()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await context.WrongPasswordAsync(Attacker, "usr_" + i, TimeSpan.FromSeconds(30));
            await context.UnknownUserLoginAsync(Attacker, "ref" + i, TimeSpan.FromSeconds(30));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.CredentialStuffing, "address:" + Attacker), (incident.Type, incident.SourceKey));
        Assert.Equal("10", incident.Figures["distinct_accounts"]);
        var response = Assert.Single(incident.Responses);
        Assert.Equal((IncidentResponseKinds.BlockAddress, Attacker, "applied"), (response.Kind, response.Target, response.Outcome));
        var block = context.Blocks.GetBlock(Attacker);
        Assert.NotNull(block);
        Assert.Equal((incident.Id, IncidentTypes.CredentialStuffing), (block.IncidentId, block.Reason));
        Assert.Equal(1, context.Blocks.ActiveCount);
        var blocked = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.AddressBlocked));
        Assert.Equal(incident.Id, blocked.Details["incident_id"]);

        context.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(context.Blocks.GetBlock(Attacker));
        Assert.Equal(0, context.Blocks.ActiveCount);
        await ((InMemoryAddressBlockList)context.Blocks).SweepAsync();
        var expired = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.AddressUnblocked));
        Assert.Equal(("expired", Attacker), (expired.Details["reason"], expired.Details["address"]));
    }

    [Fact]
    public async Task CredentialStuffing_NineAccountsFromOneAddressOrTenFromTenAddresses_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 9; i++)
        {
            await context.WrongPasswordAsync(Attacker, "usr_" + i, TimeSpan.FromSeconds(30));
            // The same accounts again: distinct accounts, not attempts, count.
            await context.WrongPasswordAsync(Attacker, "usr_" + i, TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < 10; i++)
        {
            await context.WrongPasswordAsync("198.51.100." + i, "usr_other" + i, TimeSpan.FromSeconds(30));
        }

        Assert.Empty(await context.IncidentsAsync());
        Assert.Null(context.Blocks.GetBlock(Attacker));
    }

    [Fact]
    public async Task PasswordSpraying_OneTryOnTwentyAccountsFromFiveAddresses_OpensHighIncidentWithoutBlocking()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await context.WrongPasswordAsync("198.51.100." + (i % 5), "usr_" + i, TimeSpan.FromMinutes(1));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.PasswordSpraying, "global", IncidentSeverities.High), (incident.Type, incident.SourceKey, incident.Severity));
        Assert.Equal(("20", "5"), (incident.Figures["distinct_accounts"], incident.Figures["distinct_addresses"]));
        Assert.Empty(incident.Responses);
        Assert.Equal(0, context.Blocks.ActiveCount);
    }

    [Theory]
    [InlineData(19, 5, 1)] // one account short
    [InlineData(20, 4, 1)] // one address short
    [InlineData(20, 5, 4)] // four tries per account is not "few"
    public async Task PasswordSpraying_JustUnderAThreshold_OpensNothing(int accounts, int addresses, int triesPerAccount)
    {
        await using var context = await DetectionTestContext.StartAsync();
        // Account by account: each gets all its tries before the next one is tried.
        for (var i = 0; i < accounts; i++)
        {
            for (var round = 0; round < triesPerAccount; round++)
            {
                await context.WrongPasswordAsync("198.51.100." + (i % addresses), "usr_" + i, TimeSpan.FromSeconds(20));
            }
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    [Fact]
    public async Task PasswordSpraying_AddressOnlyFailingOnAnAccountWithManyFailures_IsNotASprayingAddress()
    {
        await using var context = await DetectionTestContext.StartAsync();
        // One user mistyping four times from home: that account is not "few", so its address does not count...
        for (var i = 0; i < 4; i++)
        {
            await context.WrongPasswordAsync("192.0.2.200", "usr_typo", TimeSpan.FromSeconds(5));
        }

        // ...so twenty accounts tried once each from four addresses stay one address short.
        for (var i = 0; i < 20; i++)
        {
            await context.WrongPasswordAsync("198.51.100." + (i % 4), "usr_" + i, TimeSpan.FromSeconds(20));
        }

        Assert.Empty(await context.IncidentsAsync(IncidentTypes.PasswordSpraying));

        // A fifth address trying a fresh account completes the pattern.
        await context.WrongPasswordAsync("198.51.100.4", "usr_20");
        var incident = Assert.Single(await context.IncidentsAsync(IncidentTypes.PasswordSpraying));
        Assert.Equal(("21", "5"), (incident.Figures["distinct_accounts"], incident.Figures["distinct_addresses"]));
    }

    [Theory]
    [InlineData(IncidentTypes.CredentialStuffing, 10, 1)]
    [InlineData(IncidentTypes.PasswordSpraying, 20, 5)]
    public async Task SampledPattern_EvidenceSampleSmallerThanTheAttack_IncidentHasTheRealEventCountAndFirstSeen(string type, int accounts, int addresses)
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:EvidenceSampleSize"] = "3" });
        var start = context.Time.GetUtcNow();
        for (var i = 0; i < accounts; i++)
        {
            await context.WrongPasswordAsync("198.51.100." + (i % addresses), "usr_" + i, TimeSpan.FromSeconds(30));
        }

        var incident = Assert.Single(await context.IncidentsAsync(type));
        Assert.Equal(((long)accounts, start), (incident.EventCount, incident.FirstSeen));
        Assert.Equal(3, incident.Evidence.Count);
    }

    [Fact]
    public async Task RefreshTokenReuse_Reuse_OpensIncidentAndRevokesTheSubjectsSessions()
    {
        await using var context = await DetectionTestContext.StartAsync();
        var users = context.Services.GetRequiredService<IUserService>();
        var user = await users.CreateAsync("reused", "Vq8-" + Guid.NewGuid().ToString("N"), [Roles.Developer], mustChangePassword: false);
        var tracker = context.Services.GetRequiredService<SessionTracker>();
        tracker.Open("sid-1", user.Id, "mcp-login", ["pwd"], new TokenRequestContext("198.51.100.9"));
        tracker.Open("sid-2", user.Id, "mcp-login", ["pwd"], new TokenRequestContext("198.51.100.9"));
        var sessions = context.Services.GetRequiredService<ISessionService>();
        Assert.Equal(2, sessions.List(user.Id).Count);

        await context.PublishAsync(SecurityEventTypes.TokenRefreshed, Attacker, user.Id, SecurityEventOutcomes.Success, target: "sid-1");
        Assert.Empty(await context.IncidentsAsync());
        await context.PublishAsync(SecurityEventTypes.RefreshTokenReuse, Attacker, user.Id, reason: SecurityErrorCodes.RefreshTokenReused, target: "sid-1");

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.RefreshTokenReuse, "subject:" + user.Id), (incident.Type, incident.SourceKey));
        var response = Assert.Single(incident.Responses);
        Assert.Equal((IncidentResponseKinds.RevokeSessions, user.Id, "applied"), (response.Kind, response.Target, response.Outcome));
        Assert.Empty(sessions.List(user.Id));
    }

    [Fact]
    public async Task RefreshTokenReuse_ThresholdTwo_OneReuseOpensNothingTheSecondFires()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:RefreshTokenReuse:Threshold"] = "2" });
        await context.PublishAsync(SecurityEventTypes.RefreshTokenReuse, Attacker, "usr_x", reason: SecurityErrorCodes.RefreshTokenReused);
        Assert.Empty(await context.IncidentsAsync());

        await context.PublishAsync(SecurityEventTypes.RefreshTokenReuse, Attacker, "usr_x", reason: SecurityErrorCodes.RefreshTokenReused);
        Assert.Single(await context.IncidentsAsync(IncidentTypes.RefreshTokenReuse));
    }

    [Fact]
    public async Task RateLimitStorm_OneAddressKeptRefusedByTheLimiter_BlocksTheAddress()
    {
        await using var context = await DetectionTestContext.StartAsync(StormSettings());
        var limiter = context.Services.GetRequiredService<McpSecurity.SecurityCore.RateLimiting.IRateLimiter>();
        var request = new McpSecurity.SecurityCore.RateLimiting.RateLimitRequest { Address = System.Net.IPAddress.Parse(Attacker), Endpoint = "/api/v1/things" };
        Assert.True((await limiter.CheckAsync(request)).Allowed);
        for (var minute = 0; minute < 3; minute++)
        {
            for (var i = 0; i < 30; i++)
            {
                Assert.False((await limiter.CheckAsync(request)).Allowed);
            }

            context.Time.Advance(TimeSpan.FromSeconds(61));
        }

        // 1 + 30 counted by the second minute's first event, 61 by the third's: over 50 in the window.
        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.RateLimitStorm, "address:" + Attacker, IncidentSeverities.Medium), (incident.Type, incident.SourceKey, incident.Severity));
        Assert.True(long.Parse(incident.Figures["refused_requests"], System.Globalization.CultureInfo.InvariantCulture) >= 50);
        Assert.NotNull(context.Blocks.GetBlock(Attacker));
        var exceeded = await context.EventsOfAsync(SecurityEventTypes.RateLimitExceeded);
        Assert.Equal(["1", "30", "30"], exceeded.Select(e => e.Details["count"]));
    }

    [Fact]
    public async Task RateLimitStorm_RefusalsJustUnderTheThreshold_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync(StormSettings());
        var limiter = context.Services.GetRequiredService<McpSecurity.SecurityCore.RateLimiting.IRateLimiter>();
        var request = new McpSecurity.SecurityCore.RateLimiting.RateLimitRequest { Address = System.Net.IPAddress.Parse(Attacker), Endpoint = "/api/v1/things" };
        await limiter.CheckAsync(request);
        for (var i = 0; i < 48; i++)
        {
            await limiter.CheckAsync(request);
        }

        // The 48 pending refusals are only reported with the next one, a minute on: 49 in all.
        context.Time.Advance(TimeSpan.FromSeconds(61));
        await limiter.CheckAsync(request);

        Assert.Empty(await context.IncidentsAsync());
        Assert.Equal(49, (await context.EventsOfAsync(SecurityEventTypes.RateLimitExceeded)).Sum(e => int.Parse(e.Details["count"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Enumeration_TwentyUnknownUsernamesFromOneAddress_BlocksTheAddress()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:CredentialStuffing:Enabled"] = "false" });
        for (var i = 0; i < 20; i++)
        {
            await context.UnknownUserLoginAsync(Attacker, "ref" + i, TimeSpan.FromSeconds(20));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.Enumeration, "address:" + Attacker), (incident.Type, incident.SourceKey));
        Assert.Equal("20", incident.Figures["distinct_unknown_identifiers"]);
        Assert.NotNull(context.Blocks.GetBlock(Attacker));
    }

    [Fact]
    public async Task Enumeration_NotFoundLookups_CountAsProbesToo()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:Enumeration:Threshold"] = "5" });
        for (var i = 0; i < 5; i++)
        {
            await context.PublishAsync(SecurityEventTypes.HandoffReportUpdated, Attacker, "usr_prober", reason: SecurityErrorCodes.NotFound, target: "rep-" + i, step: TimeSpan.FromSeconds(5));
        }

        Assert.Single(await context.IncidentsAsync(IncidentTypes.Enumeration));
    }

    [Fact]
    public async Task Enumeration_NineteenDistinctProbesRepeated_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:CredentialStuffing:Enabled"] = "false", ["Detection:BruteForce:Enabled"] = "false" });
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 19; i++)
            {
                await context.UnknownUserLoginAsync(Attacker, "ref" + i, TimeSpan.FromSeconds(5));
            }
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    [Fact]
    public async Task SignatureFailure_BadSignaturesWebhooksAndReplays_BlockTheAddress()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await context.PublishAsync(SecurityEventTypes.TokenValidationFailed, Attacker, reason: SecurityErrorCodes.TokenBadSignature, step: TimeSpan.FromSeconds(10));
        }

        await context.PublishAsync(SecurityEventTypes.ClerkWebhookReceived, Attacker, reason: SecurityErrorCodes.ClerkWebhookBadSignature, step: TimeSpan.FromSeconds(10));
        await context.PublishAsync(SecurityEventTypes.ClerkWebhookReceived, Attacker, reason: SecurityErrorCodes.ClerkWebhookStaleTimestamp, step: TimeSpan.FromSeconds(10));
        await context.PublishAsync(SecurityEventTypes.TwoFactorFailed, Attacker, "usr_r", reason: SecurityErrorCodes.TwoFactorInvalidCode,
            details: new Dictionary<string, string> { ["reason"] = "replay" }, step: TimeSpan.FromSeconds(10));
        Assert.Empty(await context.IncidentsAsync());
        await context.PublishAsync(SecurityEventTypes.TokenValidationFailed, Attacker, reason: SecurityErrorCodes.TokenUnknownKey);

        var incident = Assert.Single(await context.IncidentsAsync());
        Assert.Equal((IncidentTypes.SignatureFailure, "address:" + Attacker, "api_security"), (incident.Type, incident.SourceKey, incident.Component));
        Assert.NotNull(context.Blocks.GetBlock(Attacker));
    }

    [Fact]
    public async Task SignatureFailure_SecondFactorCodeReplayedAtLogin_CountsForTheAddress()
    {
        // Under the account lockout (5 failures): the replays must reach the threshold before it stops the logins.
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:SignatureFailure:Threshold"] = "4" });
        var (_, secret) = await EnrolledUserAsync(context);
        var grants = context.Services.GetRequiredService<ITokenGrantService>();
        var origin = new TokenRequestContext(Attacker, "r");
        var code = TwoFactorTestContext.CodeAt(secret, context.Time.GetUtcNow());
        var first = (await grants.PasswordAsync("mfa-user", MfaUserPassword, null, origin)).Challenge!;
        Assert.True((await grants.CompleteMfaAsync(first.ChallengeId, TwoFactorMethods.Totp, code, origin)).Succeeded);
        for (var i = 0; i < 4; i++)
        {
            // The login step is anonymous: only the request of the challenge's answer knows the address.
            var challenge = (await grants.PasswordAsync("mfa-user", MfaUserPassword, null, origin)).Challenge!;
            await grants.CompleteMfaAsync(challenge.ChallengeId, TwoFactorMethods.Totp, code, origin);
            context.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var incident = Assert.Single(await context.IncidentsAsync(IncidentTypes.SignatureFailure));
        Assert.Equal("address:" + Attacker, incident.SourceKey);
        Assert.NotNull(context.Blocks.GetBlock(Attacker));
    }

    [Fact]
    public async Task SignatureFailure_ExpiredTokensAndNineBadSignatures_OpenNothing()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await context.PublishAsync(SecurityEventTypes.TokenValidationFailed, Attacker, reason: SecurityErrorCodes.TokenExpired, step: TimeSpan.FromSeconds(5));
        }

        for (var i = 0; i < 9; i++)
        {
            await context.PublishAsync(SecurityEventTypes.TokenValidationFailed, Attacker, reason: SecurityErrorCodes.TokenBadSignature, step: TimeSpan.FromSeconds(5));
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    [Fact]
    public async Task NormalTraffic_LoginsRefreshesAndTheOddTypo_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 200; i++)
        {
            var address = "198.51.100." + (i % 40);
            var user = "usr_" + (i % 40);
            if (i % 25 == 0)
            {
                await context.WrongPasswordAsync(address, user);
            }

            await context.PublishAsync(SecurityEventTypes.LoginSucceeded, address, user, SecurityEventOutcomes.Success);
            await context.PublishAsync(SecurityEventTypes.TokenRefreshed, address, user, SecurityEventOutcomes.Success, step: TimeSpan.FromSeconds(15));
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    [Fact]
    public async Task Detection_Disabled_OpensNothing()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:Enabled"] = "false" });
        for (var i = 0; i < 12; i++)
        {
            await context.WrongPasswordAsync(Attacker, "usr_a", TimeSpan.FromSeconds(1));
        }

        Assert.Empty(await context.IncidentsAsync());
    }

    /// <summary>Creates the user <c>mfa-user</c> with a confirmed TOTP authenticator; answers its id and secret.</summary>
    private static async Task<(string UserId, string Secret)> EnrolledUserAsync(DetectionTestContext context)
    {
        var user = await context.Services.GetRequiredService<IUserService>().CreateAsync("mfa-user", MfaUserPassword, [Roles.Developer], mustChangePassword: false);
        var twoFactor = context.Services.GetRequiredService<ITwoFactorService>();
        var enrollment = await twoFactor.BeginTotpEnrollmentAsync(user.Id, "mfa-user");
        await twoFactor.ConfirmTotpEnrollmentAsync(user.Id, TwoFactorTestContext.CodeAt(enrollment.Secret, context.Time.GetUtcNow()));
        // The next time step: the confirming code is used up.
        context.Time.Advance(TimeSpan.FromSeconds(30));
        return (user.Id, enrollment.Secret);
    }

    private static Dictionary<string, string?> StormSettings() => new()
    {
        ["RateLimiting:UseDefaultPolicies"] = "false",
        ["RateLimiting:Policies:things:Limit"] = "1",
        ["RateLimiting:Policies:things:Period"] = "01:00:00",
        ["RateLimiting:Policies:things:KeyBy:0"] = "address",
        ["RateLimiting:Policies:things:Endpoints:0"] = "/api/v1/things",
        ["Detection:RateLimitStorm:Threshold"] = "50",
    };
}
