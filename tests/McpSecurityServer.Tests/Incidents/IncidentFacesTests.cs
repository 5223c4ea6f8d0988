using System.Net;
using System.Text.Json;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.Server.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecurity.Tests.Server.Incidents;

/// <summary>The incident and block faces (REST and MCP) over in-memory doubles of the service and block list, and PagerDuty at a stand-in.</summary>
public sealed class IncidentFacesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task GetIncidents_Filters_AndCursorPages()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await SeedAsync(factory);

        var open = await (await http.GetAsync("/api/v1/incidents?status=open", admin)).JsonAsync();
        var first = await (await http.GetAsync("/api/v1/incidents?limit=2", admin)).JsonAsync();
        var second = await (await http.GetAsync($"/api/v1/incidents?limit=2&cursor={Uri.EscapeDataString(first.Str("next_cursor"))}", admin)).JsonAsync();
        var recent = await (await http.GetAsync($"/api/v1/incidents?since={Uri.EscapeDataString(Now.AddMinutes(-15).ToString("o"))}", admin)).JsonAsync();
        var stuffing = await (await http.GetAsync("/api/v1/incidents?type=credential_stuffing&severity=critical", admin)).JsonAsync();

        Assert.Equal(["inc_a", "inc_c"], Ids(open));
        Assert.Equal(["inc_a", "inc_b"], Ids(first));
        Assert.Equal(["inc_c"], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal(["inc_a", "inc_b"], Ids(recent));
        Assert.Equal(["inc_b"], Ids(stuffing));
        var a = open.GetProperty("incidents")[0];
        Assert.Equal("brute_force", a.Str("type"));
        Assert.Equal("12", a.GetProperty("figures").Str("failures"));
        Assert.Equal("block_address", a.GetProperty("responses")[0].Str("kind"));
        Assert.Equal("login_failed", a.GetProperty("evidence")[0].Str("event_type"));
    }

    [Theory]
    [InlineData("status=closed", "status")]
    [InlineData("since=yesterday", "since")]
    [InlineData("limit=many", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=bogus", "cursor")]
    public async Task GetIncidents_BadFilter_Answers400NamingTheField(string query, string field)
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();

        var response = await http.GetAsync($"/api/v1/incidents?{query}", await factory.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.Str("code"));
        Assert.Equal(field, error.GetProperty("details").Str("field"));
    }

    [Fact]
    public async Task AcknowledgeAndResolve_Rest_ChangeStatusAndRefuseAResolvedOne()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await SeedAsync(factory);

        var acknowledged = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/acknowledge", admin, new { note = "looking" });
        var noBody = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/acknowledge", admin);
        var resolved = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/resolve", admin, new { note = "blocked, false alarm" });
        var again = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/resolve", admin, new { note = "x" });
        var ackResolved = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/acknowledge", admin);
        var unknown = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_nope/resolve", admin);
        var get = await (await http.GetAsync("/api/v1/incidents/inc_a", admin)).JsonAsync();
        var getUnknown = await http.GetAsync("/api/v1/incidents/inc_nope", admin);
        var longNote = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_c/resolve", admin, new { note = new string('n', 1001) });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var body = await acknowledged.JsonAsync();
        Assert.Equal("acknowledged", body.Str("status"));
        Assert.StartsWith("usr_", body.Str("acknowledged_by"), StringComparison.Ordinal);
        Assert.Equal("looking", body.Str("note"));
        Assert.Equal(HttpStatusCode.OK, noBody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("INCIDENT_ALREADY_RESOLVED", await again.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Conflict, ackResolved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("INCIDENT_NOT_FOUND", await unknown.ErrorCodeAsync());
        Assert.Equal("resolved", get.Str("status"));
        Assert.Equal("blocked, false alarm", get.Str("note"));
        Assert.Equal(HttpStatusCode.NotFound, getUnknown.StatusCode);
        Assert.Equal("INCIDENT_NOT_FOUND", await getUnknown.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
    }

    [Fact]
    public async Task IncidentTools_ListAcknowledgeResolve_AnswerStructuredContentAndStableCodes()
    {
        await using var factory = new IncidentServerFactory();
        await SeedAsync(factory);
        await using var client = await factory.ConnectMcpAsync(await factory.AdminTokenAsync());

        var list = (await client.CallToolAsync("list_incidents", new Dictionary<string, object?> { ["status"] = "open", ["limit"] = 1 })).Structured();
        var next = (await client.CallToolAsync("list_incidents", new Dictionary<string, object?> { ["status"] = "open", ["cursor"] = list.Str("next_cursor") })).Structured();
        var badSeverity = await client.CallToolAsync("list_incidents", new Dictionary<string, object?> { ["severity"] = "apocalyptic" });
        var acknowledged = (await client.CallToolAsync("acknowledge_incident", new Dictionary<string, object?> { ["incident_id"] = "inc_c", ["note"] = "mine" })).Structured();
        var resolved = (await client.CallToolAsync("resolve_incident", new Dictionary<string, object?> { ["incident_id"] = "inc_c" })).Structured();
        var again = await client.CallToolAsync("resolve_incident", new Dictionary<string, object?> { ["incident_id"] = "inc_c" });
        var unknown = await client.CallToolAsync("acknowledge_incident", new Dictionary<string, object?> { ["incident_id"] = "inc_nope" });

        Assert.Equal(["inc_a"], Ids(list));
        Assert.Equal(["inc_c"], Ids(next));
        Assert.Equal("VALIDATION_FAILED", badSeverity.ErrorCode());
        Assert.Equal("acknowledged", acknowledged.Str("status"));
        Assert.Equal("mine", acknowledged.Str("note"));
        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Equal("INCIDENT_ALREADY_RESOLVED", again.ErrorCode());
        Assert.Equal("INCIDENT_NOT_FOUND", unknown.ErrorCode());
    }

    [Fact]
    public async Task Incidents_WithoutPermission_AreRefusedOnBothFaces()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        await SeedAsync(factory);
        var developer = await UserTokenAsync(factory, http, ["developer"]);
        var techLead = await UserTokenAsync(factory, http, ["tech_lead"]);
        await using var developerMcp = await factory.ConnectMcpAsync(developer);
        await using var techLeadMcp = await factory.ConnectMcpAsync(techLead);

        var developerList = await http.GetAsync("/api/v1/incidents", developer);
        var developerTool = await developerMcp.CallToolAsync("list_incidents");
        var developerTools = (await developerMcp.ListToolsAsync()).Select(t => t.Name).ToList();
        var leadList = await http.GetAsync("/api/v1/incidents", techLead);
        var leadBlocks = await http.GetAsync("/api/v1/blocks", techLead);
        var leadResolve = await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/resolve", techLead);
        var leadUnblock = await techLeadMcp.CallToolAsync("unblock_address", new Dictionary<string, object?> { ["address"] = "203.0.113.7" });
        var anonymous = await http.GetAsync("/api/v1/incidents", bearer: null);

        Assert.Equal(HttpStatusCode.Forbidden, developerList.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await developerList.ErrorCodeAsync());
        Assert.Equal("INSUFFICIENT_PERMISSIONS", developerTool.ErrorCode());
        Assert.DoesNotContain("list_incidents", developerTools);
        Assert.Equal(HttpStatusCode.OK, leadList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leadBlocks.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leadResolve.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", leadUnblock.ErrorCode());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("open", (await factory.Incidents.GetAsync("inc_a"))!.Status);
    }

    [Fact]
    public async Task Blocks_ListAndUnblock_OnBothFaces()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await factory.Blocks.BlockAsync("203.0.113.7", TimeSpan.FromMinutes(15), "brute_force", "inc_a");
        await factory.Blocks.BlockAsync("2001:db8:1:2::/64", TimeSpan.FromMinutes(5), "credential_stuffing", "inc_b");
        await using var client = await factory.ConnectMcpAsync(admin);

        var listed = await (await http.GetAsync("/api/v1/blocks", admin)).JsonAsync();
        var toolList = (await client.CallToolAsync("list_address_blocks")).Structured();
        var deleted = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/blocks/2001:db8:1:2::/64", admin);
        var deletedAgain = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/blocks/2001:db8:1:2::/64", admin);
        var badAddress = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/blocks/not-an-address", admin);
        var toolUnblock = (await client.CallToolAsync("unblock_address", new Dictionary<string, object?> { ["address"] = "203.0.113.7" })).Structured();
        var toolAgain = await client.CallToolAsync("unblock_address", new Dictionary<string, object?> { ["address"] = "203.0.113.7" });
        var after = await (await http.GetAsync("/api/v1/blocks", admin)).JsonAsync();

        var blocks = listed.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["2001:db8:1:2::/64", "203.0.113.7"], blocks.Select(b => b.Str("address")));
        Assert.InRange(blocks[0].GetProperty("expires_in").GetInt64(), 250, 300);
        Assert.Equal("credential_stuffing", blocks[0].Str("reason"));
        Assert.Equal("inc_b", blocks[0].Str("incident_id"));
        Assert.Equal(2, toolList.GetProperty("blocks").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((await deleted.JsonAsync()).GetProperty("unblocked").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal("NOT_FOUND", await deletedAgain.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Equal("203.0.113.7", toolUnblock.Str("address"));
        Assert.Equal("NOT_FOUND", toolAgain.ErrorCode());
        Assert.Equal(0, after.GetProperty("blocks").GetArrayLength());
        Assert.All(factory.Blocks.Unblocks, u => Assert.StartsWith("usr_", u.ActorId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unblock_SharedStoreUnreachable_Is503StorageUnavailableOnBothFaces()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await factory.Blocks.BlockAsync("203.0.113.7", TimeSpan.FromMinutes(15), "brute_force", "inc_a");
        await using var client = await factory.ConnectMcpAsync(admin);
        factory.Blocks.StoreUnavailable = true;

        var deleted = await http.SendJsonAsync(HttpMethod.Delete, "/api/v1/blocks/203.0.113.7", admin);
        var tool = await client.CallToolAsync("unblock_address", new Dictionary<string, object?> { ["address"] = "203.0.113.7" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, deleted.StatusCode);
        Assert.Equal("STORAGE_UNAVAILABLE", await deleted.ErrorCodeAsync());
        Assert.Equal("STORAGE_UNAVAILABLE", tool.ErrorCode());
        Assert.NotNull(factory.Blocks.GetBlock("203.0.113.7"));
    }

    [Fact]
    public async Task Request_FromBlockedAddress_IsRefused403WithRetryAfterButHealthStaysReachable()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await factory.Blocks.BlockAsync("203.0.113.7", TimeSpan.FromMinutes(10), "brute_force", "inc_a");

        var api = await SendFromAsync(http, "203.0.113.7", HttpMethod.Get, "/api/v1/me", admin);
        var login = await SendFromAsync(http, "203.0.113.7", HttpMethod.Post, "/api/v1/auth/login", null);
        var oauth = await SendFromAsync(http, "203.0.113.7", HttpMethod.Post, "/oauth/token", null);
        var mcp = await SendFromAsync(http, "203.0.113.7", HttpMethod.Post, "/mcp", admin);
        var health = await SendFromAsync(http, "203.0.113.7", HttpMethod.Get, "/healthz", null);
        var ready = await SendFromAsync(http, "203.0.113.7", HttpMethod.Get, "/readyz", null);
        var other = await SendFromAsync(http, "198.51.100.1", HttpMethod.Get, "/api/v1/me", admin);
        var mapped = await SendFromAsync(http, "::ffff:203.0.113.7", HttpMethod.Get, "/api/v1/me", admin);
        await factory.Blocks.UnblockAsync("203.0.113.7", "test");
        var lifted = await SendFromAsync(http, "203.0.113.7", HttpMethod.Get, "/api/v1/me", admin);

        foreach (var refused in new[] { api, login, oauth, mcp, mapped })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 590, 600);
            var error = (await refused.JsonAsync()).GetProperty("error");
            Assert.Equal("ADDRESS_BLOCKED", error.Str("code"));
            Assert.InRange(error.GetProperty("details").GetProperty("retry_after").GetInt64(), 590, 600);
            Assert.False(string.IsNullOrEmpty(error.Str("request_id")));
            Assert.DoesNotContain("inc_a", error.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
    }

    [Fact]
    public async Task IncidentLifecycle_TellsPagerDutyTriggerAcknowledgeResolve()
    {
        await using var factory = new IncidentServerFactory();
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        await SeedAsync(factory);
        await factory.PagerDuty.WaitForRequestsAsync(3);

        Assert.Equal(HttpStatusCode.OK, (await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/acknowledge", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendJsonAsync(HttpMethod.Post, "/api/v1/incidents/inc_a/resolve", admin, new { note = "done" })).StatusCode);
        await factory.PagerDuty.WaitForRequestsAsync(5);

        var events = factory.PagerDuty.Accepted.Where(e => e.Str("dedup_key") == "inc_a").ToList();
        Assert.Equal(["trigger", "acknowledge", "resolve"], events.Select(e => e.Str("event_action")));
        Assert.All(events, e => Assert.Equal(IncidentServerFactory.RoutingKey, e.Str("routing_key")));
        var payload = events[0].GetProperty("payload");
        Assert.Equal("brute_force", payload.Str("class"));
        Assert.Equal("error", payload.Str("severity"));
        Assert.Equal(5, factory.PagerDuty.Accepted.Count);
    }

    private static async Task SeedAsync(IncidentServerFactory factory)
    {
        _ = factory.Services;
        await factory.Incidents.OpenAsync(Incident("inc_a", IncidentTypes.BruteForce, "high", IncidentStatuses.Open, Now.AddMinutes(-1)));
        await factory.Incidents.OpenAsync(Incident("inc_b", IncidentTypes.CredentialStuffing, "critical", IncidentStatuses.Acknowledged, Now.AddMinutes(-10)));
        await factory.Incidents.OpenAsync(Incident("inc_c", IncidentTypes.Enumeration, "low", IncidentStatuses.Open, Now.AddMinutes(-30)));
    }

    private static Incident Incident(string id, string type, string severity, string status, DateTimeOffset lastSeen) => new()
    {
        Id = id,
        Type = type,
        Severity = severity,
        Status = status,
        Title = $"Test {type}",
        SourceKey = "address:203.0.113.7",
        FirstSeen = lastSeen.AddMinutes(-5),
        LastSeen = lastSeen,
        EventCount = 12,
        Figures = new Dictionary<string, string> { ["failures"] = "12" },
        Evidence = [new IncidentEvidence("evt_1", "login_failed", lastSeen, "203.0.113.7", "usr_x", "AUTH_INVALID_CREDENTIALS")],
        Responses = [new IncidentResponse(IncidentResponseKinds.BlockAddress, "203.0.113.7", lastSeen, lastSeen.AddMinutes(15), "applied")],
    };

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("incidents").EnumerateArray().Select(i => i.Str("id"))];

    private static Task<HttpResponseMessage> SendFromAsync(HttpClient http, string address, HttpMethod method, string path, string? bearer)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(TestRemoteAddressStartupFilter.HeaderName, address);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return http.SendAsync(request);
    }

    private static async Task<string> UserTokenAsync(ServerFactory factory, HttpClient http, string[] roles)
    {
        var username = $"inc-{Guid.NewGuid():N}"[..20];
        var password = await ServerAccounts.CreateUserAsync(factory, username, roles);
        return (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
    }
}
