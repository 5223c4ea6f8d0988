using System.Net;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>Two built-dll servers behind one Redis (issue 5 §5): the global limit holds between them, runtime overrides are shared, and what real Kestrel sends (chunked bodies) is counted right.</summary>
[Collection(ServerProcessGroup.Name)]
public sealed class ScaleOutTests(ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    [Fact]
    public async Task Login_HammeredOnBothInstancesAtOnce_AdmitsExactlyTheGlobalLimit()
    {
        var username = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        using var a = new HttpClient { BaseAddress = cluster.BaseAddress(0) };
        using var b = new HttpClient { BaseAddress = cluster.BaseAddress(1) };
        const int perInstance = ScaleOutCluster.LoginLimit * 2;

        var responses = await Task.WhenAll(Enumerable.Range(0, perInstance * 2).Select(i =>
            (i % 2 == 0 ? a : b).PostJsonAsync("/api/v1/auth/login", new { username, password = "wrong-password-" + i })));
        var tally = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"));

        // Every attempt within the global limit is answered (401: wrong password), every one beyond it refused (429).
        Assert.Equal($"{ScaleOutCluster.LoginLimit} x 401, {perInstance * 2 - ScaleOutCluster.LoginLimit} x 429", tally);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(20_000, false)]
    public async Task Login_ChunkedBody_UsernameCountedOnlyFromAtMost16KB(int padding, bool counted)
    {
        // Real Kestrel (an in-memory test server would announce the length): the body arrives chunked, so only the
        // bytes read can bound what the rate limiter reads before the endpoint.
        using var http = new HttpClient { BaseAddress = cluster.BaseAddress(0) };
        var username = "chunked-" + Guid.NewGuid().ToString("N")[..8];
        using var body = new UnsizedJsonContent($$"""{"username":"{{username}}","password":"wrong-password-1","note":"{{new string('x', padding)}}"}""");

        var response = await http.PostAsync("/api/v1/auth/login", body);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var policies = string.Join(", ", response.Headers.TryGetValues("RateLimit-Policy", out var values) ? values : []);
        Assert.Contains("\"login-address\"", policies, StringComparison.Ordinal);
        Assert.Equal(counted, policies.Contains("\"login-user\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_ConsumedInParallelOnBothInstances_AdmitsExactlyTheGlobalLimit()
    {
        var tokens = await Task.WhenAll(cluster.AdminTokenAsync(0), cluster.AdminTokenAsync(1));
        using var a = new HttpClient { BaseAddress = cluster.BaseAddress(0) };
        using var b = new HttpClient { BaseAddress = cluster.BaseAddress(1) };
        var key = "usr_" + Guid.NewGuid().ToString("N")[..12];
        const int perInstance = ScaleOutCluster.HammerLimit * 3;

        var answers = await Task.WhenAll(Enumerable.Range(0, perInstance * 2).Select(async i =>
        {
            var response = await (i % 2 == 0 ? a : b).PostJsonAsync("/api/v1/ratelimit/check", new { policy = "hammer", key, consume = true }, tokens[i % 2]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.JsonAsync();
            return (Instance: i % 2, Allowed: body.GetProperty("allowed").GetBoolean());
        }));

        Assert.Equal(ScaleOutCluster.HammerLimit, answers.Count(x => x.Allowed));
        var dry = await (await b.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "hammer", key, consume = false }, tokens[1])).JsonAsync();
        Assert.False(dry.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task PutPolicy_OnOneInstance_AppliesOnTheOtherSurvivesItsRestartAndDeleteThereRestoresBoth()
    {
        var tokens = await Task.WhenAll(cluster.AdminTokenAsync(0), cluster.AdminTokenAsync(1));
        using var a = new HttpClient { BaseAddress = cluster.BaseAddress(0) };
        using var b = new HttpClient { BaseAddress = cluster.BaseAddress(1) };

        var put = await a.SendJsonAsync(HttpMethod.Put, "/api/v1/ratelimit/policies/tunable", tokens[0], new { limit = 2, burst = 2 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var seenOnB = await EventuallyAsync(async () => await LimitAsync(b, tokens[1], "tunable") == 2);
        var key = "usr_" + Guid.NewGuid().ToString("N")[..12];
        var checksOnB = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            checksOnB.Add((await (await b.PostJsonAsync("/api/v1/ratelimit/check", new { policy = "tunable", key, consume = true }, tokens[1])).JsonAsync()).GetProperty("allowed").GetBoolean());
        }

        var auditA = await AuditRuntimeChangesAsync(a, tokens[0]);
        var auditB = await AuditRuntimeChangesAsync(b, tokens[1]);

        // A late (re)started instance loads the shared overrides at start.
        await cluster.RestartAsync(1);
        var restartedToken = await cluster.AdminTokenAsync(1);
        var afterRestart = await EventuallyAsync(async () => await LimitAsync(b, restartedToken, "tunable") == 2);

        var delete = await b.SendJsonAsync(HttpMethod.Delete, "/api/v1/ratelimit/policies/tunable", restartedToken);
        var restoredOnA = await EventuallyAsync(async () => await LimitAsync(a, tokens[0], "tunable") == ScaleOutCluster.TunableLimit);

        Assert.Equal(2, (await put.JsonAsync()).GetProperty("limit").GetInt32());
        Assert.True(seenOnB, "instance B did not apply the override made on A");
        Assert.Equal([true, true, false], checksOnB);
        // Audited where it was made, not again where it was applied.
        Assert.Contains(auditA, e => e.Contains("\"tunable\"", StringComparison.Ordinal));
        Assert.DoesNotContain(auditB, e => e.Contains("\"tunable\"", StringComparison.Ordinal));
        Assert.True(afterRestart, "the restarted instance did not load the shared override");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.True(restoredOnA, "instance A kept the override removed on B");
    }

    [Fact]
    public async Task Token_IssuedByOneInstance_IsRefusedByTheOther()
    {
        // Each instance is its own token authority (keys, sessions and revocations live in its own LiteDB):
        // a token travels to no other instance, so a revocation on one can never be missed by another.
        var token = await cluster.AdminTokenAsync(0);
        using var a = new HttpClient { BaseAddress = cluster.BaseAddress(0) };
        using var b = new HttpClient { BaseAddress = cluster.BaseAddress(1) };

        var onA = await a.GetAsync("/api/v1/me", token);
        var onB = await b.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onB.StatusCode);
    }

    private static async Task<int> LimitAsync(HttpClient http, string token, string policy)
    {
        var list = await (await http.GetAsync("/api/v1/ratelimit/policies", token)).JsonAsync();
        return list.GetProperty("policies").EnumerateArray().Single(p => p.Str("name") == policy).GetProperty("limit").GetInt32();
    }

    private static async Task<List<string>> AuditRuntimeChangesAsync(HttpClient http, string token)
    {
        var audit = await (await http.GetAsync("/api/v1/audit?type=rate_limit_policies_changed", token)).JsonAsync();
        return [.. audit.GetProperty("entries").EnumerateArray().Select(e => e.GetRawText()).Where(e => e.Contains("\"runtime\"", StringComparison.Ordinal))];
    }

    /// <summary>Another process applies the change when its subscription delivers it: poll, bounded.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

}
