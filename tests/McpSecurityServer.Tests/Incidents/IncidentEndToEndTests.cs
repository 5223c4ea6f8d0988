using System.Net;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Incidents;

/// <summary>A scripted attack through HTTP against the real detector, incident store and block list, with PagerDuty at a stand-in.</summary>
public sealed class IncidentEndToEndTests
{
    private const string Attacker = "203.0.113.50";

    [Fact]
    public async Task CredentialStuffing_OverHttp_OpensIncidentBlocksAddressPagesAndIsHandledThroughTheFaces()
    {
        await using var factory = new IncidentServerFactory(realIncidents: true);
        factory.Settings["Detection:CredentialStuffing:Threshold"] = "3";
        using var http = factory.CreateClient();
        var admin = await factory.AdminTokenAsync();
        var pipeline = factory.Services.GetRequiredService<IDetectionPipeline>();

        for (var i = 0; i < 3; i++)
        {
            var failed = await LoginFromAsync(http, Attacker, $"victim-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        await pipeline.DrainAsync();
        var blocked = await LoginFromAsync(http, Attacker, "victim-3");
        var list = await (await http.GetAsync("/api/v1/incidents?type=credential_stuffing&status=open", admin)).JsonAsync();
        var blocks = await (await http.GetAsync("/api/v1/blocks", admin)).JsonAsync();
        await factory.PagerDuty.WaitForRequestsAsync(1);

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("ADDRESS_BLOCKED", await blocked.ErrorCodeAsync());
        Assert.True(blocked.Headers.RetryAfter?.Delta?.TotalSeconds > 0);
        var incident = Assert.Single(list.GetProperty("incidents").EnumerateArray());
        var id = incident.Str("id");
        Assert.Equal("high", incident.Str("severity"));
        Assert.Contains(incident.GetProperty("responses").EnumerateArray(), r => r.Str("kind") == "block_address" && r.Str("outcome") == "applied");
        Assert.Contains(blocks.GetProperty("blocks").EnumerateArray(), b => b.Str("address") == Attacker && b.Str("incident_id") == id);
        var trigger = Assert.Single(factory.PagerDuty.Accepted);
        Assert.Equal("trigger", trigger.Str("event_action"));
        Assert.Equal(id, trigger.Str("dedup_key"));
        Assert.Equal("credential_stuffing", trigger.GetProperty("payload").Str("class"));
        Assert.Equal("error", trigger.GetProperty("payload").Str("severity"));

        await using (var client = await factory.ConnectMcpAsync(admin))
        {
            var acknowledged = (await client.CallToolAsync("acknowledge_incident", new Dictionary<string, object?> { ["incident_id"] = id, ["note"] = "on it" })).Structured();
            Assert.Equal("acknowledged", acknowledged.Str("status"));
        }

        var resolved = await http.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/resolve", admin, new { note = "test attack" });
        var again = await http.SendJsonAsync(HttpMethod.Post, $"/api/v1/incidents/{id}/resolve", admin);
        await pipeline.DrainAsync();
        await factory.PagerDuty.WaitForRequestsAsync(3);
        var unblocked = await http.SendJsonAsync(HttpMethod.Delete, $"/api/v1/blocks/{Attacker}", admin);
        var afterUnblock = await LoginFromAsync(http, Attacker, "victim-4");

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.JsonAsync()).Str("status"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("INCIDENT_ALREADY_RESOLVED", await again.ErrorCodeAsync());
        Assert.Equal(["trigger", "acknowledge", "resolve"], factory.PagerDuty.Accepted.Select(e => e.Str("event_action")));
        Assert.All(factory.PagerDuty.Accepted, e => Assert.Equal(id, e.Str("dedup_key")));
        Assert.Equal(HttpStatusCode.OK, unblocked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterUnblock.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient http, string address, string username)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username, password = "not-the-password-1" }),
        };
        request.Headers.Add(TestRemoteAddressStartupFilter.HeaderName, address);
        return http.SendAsync(request);
    }
}
