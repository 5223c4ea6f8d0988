using System.Net;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

public sealed class RateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    private static Dictionary<string, string?> Policy(string name, int limit, string period, string keyBy, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"RateLimiting:Policies:{name}:Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"RateLimiting:Policies:{name}:Period"] = period,
        };
        var parts = keyBy.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            settings[$"RateLimiting:Policies:{name}:KeyBy:{i}"] = parts[i];
        }

        foreach (var (key, value) in more)
        {
            settings[$"RateLimiting:Policies:{name}:{key}"] = value;
        }

        return settings;
    }

    private static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async Task CheckAsync_SeveralPolicies_StrictestDecidesAndAllAreReported()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("per-user", 5, "00:01:00", "user"),
            Policy("per-address", 2, "00:01:00", "address")));
        var request = new RateLimitRequest { UserId = "usr_1", Address = Client };

        var first = await context.Limiter.CheckAsync(request);
        Assert.True(first.Allowed);
        Assert.Equal(2, first.Decisions.Count);
        Assert.Equal("per-address", first.Decisive!.Policy.Name);
        Assert.Equal(1, first.Decisive.Remaining);

        await context.Limiter.CheckAsync(request);
        var third = await context.Limiter.CheckAsync(request);
        Assert.False(third.Allowed);
        Assert.Equal("per-address", third.Decisive!.Policy.Name);
        Assert.Equal(TimeSpan.FromSeconds(30), third.Decisive.RetryAfter);
        var perUser = Assert.Single(third.Decisions, d => d.Policy.Name == "per-user");
        Assert.True(perUser.Allowed);
        Assert.Equal(2, perUser.Remaining);
    }

    [Fact]
    public async Task CheckAsync_TwoRefusals_TheLongerWaitDecides()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("short", 1, "00:00:10", "user"),
            Policy("long", 1, "00:10:00", "user")));
        var request = new RateLimitRequest { UserId = "usr_1" };
        await context.Limiter.CheckAsync(request);
        var refused = await context.Limiter.CheckAsync(request);
        Assert.Equal("long", refused.Decisive!.Policy.Name);
        Assert.All(refused.Decisions, d => Assert.False(d.Allowed));
    }

    [Fact]
    public async Task CheckAsync_EndpointToolAndRoleFilters_OnlyCoveredRequestsCount()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("login", 1, "00:01:00", "address", ("Endpoints:0", "/api/v1/auth/login"), ("Category", "login")),
            Policy("tools", 1, "00:01:00", "principal,tool", ("Tools:0", "*")),
            Policy("devs", 1, "00:01:00", "role", ("Roles:0", "developer"), ("Endpoints:0", "/api/*"))));

        Assert.Equal(["login"], (await context.Limiter.CheckAsync(new RateLimitRequest { Address = Client, Endpoint = "/api/v1/auth/login" })).Decisions.Select(d => d.Policy.Name));
        Assert.Empty((await context.Limiter.CheckAsync(new RateLimitRequest { Address = Client, Endpoint = "/api/v1/keys" })).Decisions);
        var tool = await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1", Tool = "list_roles" });
        Assert.Equal("tools|p=usr_1|t=list_roles", Assert.Single(tool.Decisions).Key);
        Assert.True((await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1", Tool = "check_permission" })).Allowed);
        Assert.False((await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1", Tool = "list_roles" })).Allowed);

        var developer = new RateLimitRequest { UserId = "usr_2", Roles = ["developer"], Endpoint = "/api/v1/keys" };
        Assert.Equal("devs|r=developer", Assert.Single((await context.Limiter.CheckAsync(developer)).Decisions).Key);
        Assert.False((await context.Limiter.CheckAsync(developer with { UserId = "usr_3" })).Allowed);
        Assert.Empty((await context.Limiter.CheckAsync(developer with { Roles = ["qa_engineer"] })).Decisions);
    }

    [Fact]
    public async Task CheckAsync_MissingKeyPart_PolicyDoesNotApply()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 1, "00:01:00", "user"));
        var result = await context.Limiter.CheckAsync(new RateLimitRequest { Address = Client });
        Assert.True(result.Allowed);
        Assert.Null(result.Decisive);
        Assert.Empty(result.Decisions);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public async Task CheckAsync_AddressGrouping_Ipv6By64Ipv4By32(string first, string second, bool shared)
    {
        using var context = new RateLimiterTestContext(Policy("addr", 1, "00:01:00", "address"));
        await context.Limiter.CheckAsync(new RateLimitRequest { Address = IPAddress.Parse(first) });
        var again = await context.Limiter.CheckAsync(new RateLimitRequest { Address = IPAddress.Parse(second) });
        Assert.Equal(!shared, again.Allowed);
    }

    [Fact]
    public async Task CheckAsync_ConfiguredPrefixes_GroupWholeNetworks()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("addr", 1, "00:01:00", "address", ("Ipv4PrefixLength", "24"), ("Ipv6PrefixLength", "48"))));
        var first = await context.Limiter.CheckAsync(new RateLimitRequest { Address = IPAddress.Parse("198.51.100.1") });
        Assert.Equal("addr|a=198.51.100.0/24", first.Decisive!.Key);
        Assert.False((await context.Limiter.CheckAsync(new RateLimitRequest { Address = IPAddress.Parse("198.51.100.200") })).Allowed);
        Assert.Equal("addr|a=2001:db8:1::/48", (await context.Limiter.CheckAsync(new RateLimitRequest { Address = IPAddress.Parse("2001:db8:1:ffff::1") })).Decisive!.Key);
    }

    [Fact]
    public async Task CheckAsync_UnsafeKeyValue_IsHashedNotStored()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 5, "00:01:00", "user"));
        var result = await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "a}{b|c d" });
        Assert.StartsWith("per-user|u=#", result.Decisive!.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("}", result.Decisive.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_AdminOnGeneralPolicy_BypassedUncountedAndAuditedCoalesced()
    {
        using var context = new RateLimiterTestContext(Policy("api", 1, "00:01:00", "principal"));
        var admin = new RateLimitRequest { UserId = "usr_admin", Roles = ["admin"], RequestId = "req-1" };
        for (var i = 0; i < 5; i++)
        {
            var result = await context.Limiter.CheckAsync(admin);
            Assert.True(result.Allowed);
            Assert.Equal(RateLimitStoreState.Bypassed, Assert.Single(result.Decisions).State);
            Assert.Null(result.Decisive);
        }

        var audited = Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitBypassed));
        Assert.Equal("usr_admin", audited.SubjectId);
        Assert.Equal("api", audited.Details["policy"]);
        Assert.Equal("admin", audited.Details["role"]);
        Assert.Equal("1", audited.Details["bypasses"]);

        context.Time.Advance(TimeSpan.FromMinutes(1));
        await context.Limiter.CheckAsync(admin);
        var events = context.Events.OfType(SecurityEventTypes.RateLimitBypassed);
        Assert.Equal(2, events.Count);
        Assert.Equal("5", events[1].Details["bypasses"]);

        // Bypassing consumed nothing: a non-admin still gets the full allowance of the same key.
        Assert.True((await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_admin" })).Allowed);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("two_factor")]
    [InlineData("token")]
    public async Task CheckAsync_AdminOnProtectedPolicy_NeverBypassed(string category)
    {
        using var context = new RateLimiterTestContext(Policy("auth", 1, "00:01:00", "address", ("Category", category)));
        var admin = new RateLimitRequest { UserId = "usr_admin", Roles = ["admin"], Address = Client };
        Assert.True((await context.Limiter.CheckAsync(admin)).Allowed);
        var second = await context.Limiter.CheckAsync(admin);
        Assert.False(second.Allowed);
        Assert.Equal(RateLimitStoreState.Store, second.Decisive!.State);
        Assert.Empty(context.Events.OfType(SecurityEventTypes.RateLimitBypassed));
        Assert.Equal(RateLimitFailureModes.Closed, second.Decisive.Policy.FailureMode);
    }

    [Fact]
    public async Task CheckAsync_ConfiguredBypassRoles_ReplaceAdminAndNoneMeansNobody()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("ops", 1, "00:01:00", "principal", ("BypassRoles:0", "tech_lead")),
            Policy("strict", 1, "00:01:00", "principal", ("BypassRoles:0", "none"))));
        var lead = new RateLimitRequest { UserId = "usr_1", Roles = ["tech_lead"] };
        var result = await context.Limiter.CheckAsync(lead);
        Assert.Equal(RateLimitStoreState.Bypassed, result.Decisions.Single(d => d.Policy.Name == "ops").State);
        Assert.Equal(RateLimitStoreState.Store, result.Decisions.Single(d => d.Policy.Name == "strict").State);
        Assert.Empty(context.Limiter.Policies.Single(p => p.Name == "strict").BypassRoles);
        var admin = await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_2", Roles = ["admin"] });
        Assert.All(admin.Decisions, d => Assert.Equal(RateLimitStoreState.Store, d.State));
    }

    [Fact]
    public async Task CheckAsync_DryRun_ConsumesNothing()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 1, "00:01:00", "user"));
        var look = new RateLimitRequest { UserId = "usr_1", DryRun = true };
        Assert.True((await context.Limiter.CheckAsync(look)).Allowed);
        Assert.True((await context.Limiter.CheckAsync(look)).Allowed);
        Assert.True((await context.Limiter.CheckAsync(look with { DryRun = false })).Allowed);
        Assert.False((await context.Limiter.CheckAsync(look)).Allowed);
    }

    [Fact]
    public async Task CheckAsync_BadCost_RefusedWithValidationCode()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 1, "00:01:00", "user"));
        var error = await Assert.ThrowsAsync<SecurityException>(() => context.Limiter.CheckAsync(new RateLimitRequest { UserId = "u", Cost = 0 }).AsTask());
        Assert.Equal(SecurityErrorCodes.ValidationFailed, error.Code);
    }

    [Fact]
    public async Task CheckKeyAsync_SameCounterAsRequestsAndDryRun()
    {
        using var context = new RateLimiterTestContext(Merge(
            Policy("addr", 2, "00:01:00", "address"),
            Policy("tool", 2, "00:01:00", "principal,tool")));
        await context.Limiter.CheckAsync(new RateLimitRequest { Address = Client });
        var look = await context.Limiter.CheckKeyAsync("addr", "203.0.113.7", consume: false);
        Assert.True(look.Allowed);
        Assert.Equal(0, look.Remaining);
        Assert.True((await context.Limiter.CheckKeyAsync("addr", "203.0.113.7", consume: true)).Allowed);
        Assert.False((await context.Limiter.CheckKeyAsync("addr", "203.0.113.7", consume: false)).Allowed);
        Assert.Equal("tool|p=usr_1|t=list_roles", (await context.Limiter.CheckKeyAsync("tool", "usr_1|list_roles", consume: true)).Key);

        Assert.Equal(SecurityErrorCodes.NotFound, (await Assert.ThrowsAsync<SecurityException>(() => context.Limiter.CheckKeyAsync("nope", "x", true).AsTask())).Code);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Limiter.CheckKeyAsync("addr", "not-an-ip", true).AsTask())).Code);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Limiter.CheckKeyAsync("tool", "only-one-part", true).AsTask())).Code);
    }

    [Fact]
    public async Task Reload_GoodConfiguration_NewPoliciesApplyWithoutRestart()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 1, "00:01:00", "user"));
        var limiter = context.Limiter;
        var request = new RateLimitRequest { UserId = "usr_1" };
        await limiter.CheckAsync(request);
        Assert.False((await limiter.CheckAsync(request)).Allowed);

        context.Reload(new Dictionary<string, string?> { ["RateLimiting:Policies:per-user:Limit"] = "10" });
        Assert.Equal(10, Assert.Single(limiter.Policies).Limit);
        // The old key keeps its GCRA debt (one request used a full minute of the old rate); a new key gets the new burst.
        var fresh = new RateLimitRequest { UserId = "usr_2" };
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await limiter.CheckAsync(fresh)).Allowed);
        }

        Assert.False((await limiter.CheckAsync(fresh)).Allowed);
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Outcome == SecurityEventOutcomes.Success);
    }

    [Fact]
    public async Task Reload_BadConfiguration_KeepsThePoliciesInForceAndLogsTheKey()
    {
        using var context = new RateLimiterTestContext(Policy("per-user", 1, "00:01:00", "user"));
        var limiter = context.Limiter;
        context.Reload(new Dictionary<string, string?> { ["RateLimiting:Policies:per-user:Algorithm"] = "leaky" });
        var policy = Assert.Single(limiter.Policies);
        Assert.Equal(RateLimitAlgorithms.Gcra, policy.Algorithm);
        Assert.Contains(context.Logs.Lines, l => l.Contains("reload refused", StringComparison.Ordinal) && l.Contains("RateLimiting:Policies:per-user:Algorithm", StringComparison.Ordinal));
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Outcome == SecurityEventOutcomes.Failure);

        context.Reload(new Dictionary<string, string?> { ["RateLimiting:Policies:per-user:Limt"] = "5" });
        Assert.Equal(1, Assert.Single(limiter.Policies).Limit);
        Assert.Contains(context.Logs.Lines, l => l.Contains("reload refused", StringComparison.Ordinal) && l.Contains("Limt", StringComparison.Ordinal));
        await limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1" });
        Assert.False((await limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1" })).Allowed);
    }

    [Fact]
    public void Policies_Defaults_ProtectedPoliciesFailClosedAndCannotBeBypassed()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        var policies = context.Limiter.Policies;
        Assert.Equal(DefaultRateLimitPolicies.All.Count, policies.Count);
        foreach (var policy in policies)
        {
            var isProtected = policy.Category != RateLimitCategories.General;
            Assert.Equal(isProtected ? RateLimitFailureModes.Closed : RateLimitFailureModes.Open, policy.FailureMode);
            Assert.Equal(isProtected ? [] : ["admin"], policy.BypassRoles);
        }

        Assert.Contains(policies, p => p.Category == RateLimitCategories.Login);
        Assert.Contains(policies, p => p.Category == RateLimitCategories.TwoFactor);
        Assert.Contains(policies, p => p.Category == RateLimitCategories.Token);
    }

    [Fact]
    public async Task CheckAsync_Disabled_AdmitsEverything()
    {
        using var context = new RateLimiterTestContext(Merge(Policy("per-user", 1, "00:01:00", "user"), new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" }));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "u" })).Allowed);
        }

        Assert.Empty(context.Limiter.Policies);
    }

    [Fact]
    public void Policies_ConfiguredOverBuiltIn_OnlyTheKeysSetChange()
    {
        using var context = new RateLimiterTestContext(
            new Dictionary<string, string?>
            {
                ["RateLimiting:Policies:login-address:Limit"] = "50",
                ["RateLimiting:Policies:mcp-tool:Enabled"] = "false",
                ["RateLimiting:Policies:mcp-tool-quota:Algorithm"] = "fixed_window",
                ["RateLimiting:Policies:mcp-tool-quota:Limit"] = "1000",
                ["RateLimiting:Policies:mcp-tool-quota:Period"] = "1.00:00:00",
                ["RateLimiting:Policies:mcp-tool-quota:KeyBy:0"] = "principal",
                ["RateLimiting:Policies:mcp-tool-quota:Tools:0"] = "*",
            },
            useDefaults: true);
        var login = context.Limiter.Policies.Single(p => p.Name == "login-address");
        Assert.Equal(50, login.Limit);
        Assert.Equal(RateLimitCategories.Login, login.Category);
        Assert.Equal(DefaultRateLimitPolicies.All["login-address"].Burst, login.Burst);
        Assert.Equal(DefaultRateLimitPolicies.All["login-address"].Endpoints, login.Endpoints);
        Assert.True(login.BuiltIn);
        Assert.DoesNotContain(context.Limiter.Policies, p => p.Name == "mcp-tool");
        var quota = context.Limiter.Policies.Single(p => p.Name == "mcp-tool-quota");
        Assert.False(quota.BuiltIn);
        Assert.Equal(RateLimitAlgorithms.FixedWindow, quota.Algorithm);
    }

    [Theory]
    [InlineData("/api/v1/auth/login/")]
    [InlineData("/API/V1/AUTH/LOGIN//")]
    [InlineData("/oauth/token/")]
    public async Task CheckAsync_ExactEndpointWithTrailingSlash_StillCovered(string endpoint)
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        var result = await context.Limiter.CheckAsync(new RateLimitRequest { Address = Client, Endpoint = endpoint });
        Assert.Contains(result.Decisions, d => RateLimitCategories.IsProtected(d.Policy.Category));
    }

    [Fact]
    public async Task CheckAsync_LoginName_CountsOnlyTheLoginUserKeyHashedNeverAsPrincipal()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        const string typed = "Hunter2-Typed-Into-Username";
        var login = new RateLimitRequest { LoginName = typed, Address = Client, Endpoint = "/api/v1/auth/login" };

        RateLimitResult result = null!;
        for (var i = 0; i < 6; i++)
        {
            result = await context.Limiter.CheckAsync(login);
        }

        Assert.False(result.Allowed);
        Assert.Equal("login-user", result.Decisive!.Policy.Name);
        Assert.DoesNotContain(result.Decisions, d => d.Policy.Name == "api-principal");
        Assert.All(result.Decisions, d => Assert.DoesNotContain(typed.ToLowerInvariant(), d.Key, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(context.Logs.Lines, line => line.Contains(typed, StringComparison.OrdinalIgnoreCase));
        Assert.All(context.Events.Events, e => Assert.DoesNotContain(typed, string.Join(" ", e.Details?.Values ?? []), StringComparison.OrdinalIgnoreCase));

        // The same name, however it is spelled, is the same counter; and the same counter check_rate reads for the username.
        Assert.False((await context.Limiter.CheckAsync(login with { LoginName = "  " + typed.ToUpperInvariant() })).Allowed);
        var looked = await context.Limiter.CheckKeyAsync("login-user", typed, consume: false);
        Assert.Equal(result.Decisive.Key, looked.Key);
        Assert.False(looked.Allowed);
    }

    [Fact]
    public async Task CheckAsync_OwnPasswordChange_CountedByTheLoginPoliciesOfTheUser()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        var result = await context.Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_1", Address = Client, Endpoint = "/api/v1/me/password", Roles = ["admin"] });
        Assert.Contains(result.Decisions, d => d.Policy.Name == "login-user" && d.State != RateLimitStoreState.Bypassed);
        Assert.Contains(result.Decisions, d => d.Policy.Name == "login-address" && d.State != RateLimitStoreState.Bypassed);
    }

    [Fact]
    public void Policies_BuiltInAlgorithmSpelledOut_KeepsTheBuiltInBurst()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?> { ["RateLimiting:Policies:login-user:Algorithm"] = "gcra" }, useDefaults: true);
        Assert.Equal(DefaultRateLimitPolicies.All["login-user"].Burst, context.Limiter.Policies.Single(p => p.Name == "login-user").Burst);
    }

    [Fact]
    public async Task CheckKeyForCallerAsync_ProtectedPolicyWithoutPermissionChecker_Refused()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        var refused = await Assert.ThrowsAsync<SecurityException>(() => context.Limiter.CheckKeyForCallerAsync("usr_dev", "login-user", "root", consume: true).AsTask());
        Assert.Equal(SecurityErrorCodes.InsufficientPermissions, refused.Code);
        Assert.True((await context.Limiter.CheckKeyAsync("login-user", "root", consume: false)).Remaining > 0);
        Assert.True((await context.Limiter.CheckKeyForCallerAsync("usr_dev", "api-address", "203.0.113.9", consume: true)).Allowed);
    }

    [Fact]
    public async Task RemoveOverrideAsync_LooseningAPolicy_FreesKeysCountedUnderTheStricterOverride()
    {
        using var context = new RateLimiterTestContext(Policy("api", 120, "00:01:00", "user"));
        var overrides = (IRateLimitPolicyOverrides)context.Limiter;
        await overrides.SetOverrideAsync("api", new RateLimitPolicyChange { Limit = 1, Period = TimeSpan.FromDays(1), Burst = 1 });
        var request = new RateLimitRequest { UserId = "usr_victim" };
        Assert.True((await context.Limiter.CheckAsync(request)).Allowed);
        Assert.False((await context.Limiter.CheckAsync(request)).Allowed);

        await overrides.RemoveOverrideAsync("api");

        // Counted as an empty allowance of the policy now in force: one emission interval (0.5 s), not the rest of the day.
        var after = await context.Limiter.CheckAsync(request);
        Assert.False(after.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(500), after.Decisive!.RetryAfter);
        context.Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True((await context.Limiter.CheckAsync(request)).Allowed);
    }
}
