using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.Tests.SecurityCore.Detection;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.SecurityCore.Incidents;

/// <summary>The incident store: dedup, transitions and their codes and events, paging, notifiers, and the hand-off lookup over it.</summary>
public sealed class IncidentServiceTests
{
    private const string Attacker = "203.0.113.70";

    [Fact]
    public async Task ReportAsync_SamePatternAgainWhileOpen_ExtendsTheIncident_AfterResolvingOpensANewOne()
    {
        await using var context = await DetectionTestContext.StartAsync();
        await BruteForceAsync(context, "usr_v");
        var first = Assert.Single(await context.IncidentsAsync());
        context.Time.Advance(TimeSpan.FromMinutes(10));
        await BruteForceAsync(context, "usr_v");

        var extended = Assert.Single(await context.IncidentsAsync());
        Assert.Equal(first.Id, extended.Id);
        Assert.Equal(20, extended.EventCount);
        Assert.Equal("2", extended.Figures["detections"]);
        Assert.True(extended.LastSeen > first.LastSeen);
        Assert.Equal(first.FirstSeen, extended.FirstSeen);
        Assert.Equal(20, extended.Evidence.Count); // the default sample size: the newest kept
        Assert.Single(await context.EventsOfAsync(SecurityEventTypes.IncidentOpened));

        await context.Incidents.AcknowledgeAsync(first.Id, "usr_staff", null);
        await BruteForceAsync(context, "usr_v");
        Assert.Equal(30, Assert.Single(await context.IncidentsAsync()).EventCount);

        await context.Incidents.ResolveAsync(first.Id, "usr_staff", "password reset with the user");
        await BruteForceAsync(context, "usr_v");
        var all = await context.IncidentsAsync();
        Assert.Equal(2, all.Count);
        Assert.Equal(IncidentStatuses.Open, all[0].Status);
        Assert.NotEqual(first.Id, all[0].Id);
    }

    [Fact]
    public async Task AcknowledgeAndResolve_Transitions_RecordWhoAndWhen_PublishEvents_AndRefuseWithStableCodes()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:BruteForce:Severity"] = "critical" });
        await BruteForceAsync(context, "usr_v");
        var incident = Assert.Single(await context.IncidentsAsync());

        var acknowledged = await context.Incidents.AcknowledgeAsync(incident.Id, "usr_staff", "looking");
        Assert.Equal((IncidentStatuses.Acknowledged, "usr_staff", "looking"), (acknowledged.Status, acknowledged.AcknowledgedBy, acknowledged.Note));
        Assert.Equal(context.Time.GetUtcNow(), acknowledged.AcknowledgedAt);
        var again = await context.Incidents.AcknowledgeAsync(incident.Id, "usr_other", null);
        Assert.Equal("usr_staff", again.AcknowledgedBy);

        context.Time.Advance(TimeSpan.FromMinutes(5));
        var resolved = await context.Incidents.ResolveAsync(incident.Id, "usr_lead", "done");
        Assert.Equal((IncidentStatuses.Resolved, "usr_lead", "done"), (resolved.Status, resolved.ResolvedBy, resolved.Note));

        Assert.Equal(SecurityErrorCodes.IncidentAlreadyResolved, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.ResolveAsync(incident.Id, "usr_lead", null))).Code);
        Assert.Equal(SecurityErrorCodes.IncidentAlreadyResolved, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.AcknowledgeAsync(incident.Id, "usr_lead", null))).Code);
        Assert.Equal(SecurityErrorCodes.IncidentNotFound, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.AcknowledgeAsync("inc_nope", "usr_lead", null))).Code);
        Assert.Equal(SecurityErrorCodes.IncidentNotFound, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.ResolveAsync("", "usr_lead", null))).Code);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.ResolveAsync(incident.Id, "usr_lead", new string('x', 2001)))).Code);
        Assert.Null(await context.Incidents.GetAsync("inc_nope"));
        Assert.Equal(IncidentStatuses.Resolved, (await context.Incidents.GetAsync(incident.Id))!.Status);

        var opened = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.IncidentOpened));
        Assert.Equal((incident.Id, "critical", "jwt_auth_service"), (opened.Details["incident_id"], opened.Details["severity"], opened.Details["component"]));
        Assert.Equal("Brute force on one account", opened.Details["title"]);
        var ack = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.IncidentAcknowledged));
        Assert.Equal((incident.Id, "usr_staff"), (ack.Details["incident_id"], ack.SubjectId));
        var res = Assert.Single(await context.EventsOfAsync(SecurityEventTypes.IncidentResolved));
        Assert.Equal((incident.Id, "usr_lead"), (res.Details["incident_id"], res.SubjectId));
    }

    [Fact]
    public async Task ListAsync_FiltersAndCursor_PageWithoutOverlap_BadFiltersRefused()
    {
        await using var context = await DetectionTestContext.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await BruteForceAsync(context, "usr_" + i);
        }

        await context.DrainAsync();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await context.Incidents.ListAsync(new IncidentQuery(Status: IncidentStatuses.Open, Limit: 2, Cursor: cursor));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
        var newestFirst = (await context.Incidents.ListAsync(new IncidentQuery())).Items;
        Assert.Equal(newestFirst.OrderByDescending(i => i.LastSeen).Select(i => i.Id), newestFirst.Select(i => i.Id));
        Assert.Empty((await context.Incidents.ListAsync(new IncidentQuery(Type: IncidentTypes.Enumeration))).Items);
        Assert.Empty((await context.Incidents.ListAsync(new IncidentQuery(Since: context.Time.GetUtcNow().AddMinutes(1)))).Items);
        Assert.Equal(5, (await context.Incidents.ListAsync(new IncidentQuery(Severity: IncidentSeverities.High))).Items.Count);

        foreach (var bad in new[]
        {
            new IncidentQuery(Status: "closed"), new IncidentQuery(Type: "ddos"), new IncidentQuery(Severity: "urgent"),
            new IncidentQuery(Limit: 0), new IncidentQuery(Limit: 201), new IncidentQuery(Cursor: "not-a-cursor!"), new IncidentQuery(Cursor: "bm9wZQ"),
        })
        {
            Assert.Equal(SecurityErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<SecurityException>(() => context.Incidents.ListAsync(bad))).Code);
        }
    }

    [Fact]
    public async Task Notifiers_EveryChangeToldInOrderAfterStoring_AThrowingNotifierLosesNothing()
    {
        var throwing = new ThrowingIncidentNotifier();
        var recording = new RecordingIncidentNotifier();
        await using var context = await DetectionTestContext.StartAsync(null, throwing, recording);
        await BruteForceAsync(context, "usr_v");
        var incident = Assert.Single(await context.IncidentsAsync());
        await BruteForceAsync(context, "usr_v");
        await context.DrainAsync();
        await context.Incidents.AcknowledgeAsync(incident.Id, "usr_staff", null);
        await context.Incidents.ResolveAsync(incident.Id, "usr_staff", null);
        await context.DrainAsync();

        Assert.Equal([IncidentChangeKinds.Opened, IncidentChangeKinds.Updated, IncidentChangeKinds.Acknowledged, IncidentChangeKinds.Resolved],
            recording.Changes.Select(c => c.Kind));
        Assert.All(recording.Changes, c => Assert.Equal(incident.Id, c.Incident.Id));
        // The change told carries the responses that ran for it.
        Assert.Equal(IncidentResponseKinds.LockAccount, Assert.Single(recording.Changes[0].Incident.Responses).Kind);
        Assert.Equal(IncidentStatuses.Resolved, recording.Changes[^1].Incident.Status);
        Assert.Equal(4, throwing.Calls);
        Assert.Equal(IncidentStatuses.Resolved, (await context.Incidents.GetAsync(incident.Id))!.Status);
    }

    [Fact]
    public async Task Notifiers_ResolvedWhileTheResponsesOfAReportRun_HearTheResolveLast()
    {
        var recording = new RecordingIncidentNotifier();
        await using var context = await DetectionTestContext.StartAsync(null, recording);
        var service = context.Services.GetRequiredService<IncidentService>();
        var (incident, _) = await service.ReportAsync(Detection(context));

        // A second detection extends it; while its responses run (Redis, lockout, revocation) staff resolve it.
        await service.ReportAsync(Detection(context), async current =>
        {
            await service.ResolveAsync(current.Id, "usr_staff", "handled");
            return [new IncidentResponse(IncidentResponseKinds.BlockAddress, Attacker, context.Time.GetUtcNow(), null, "applied")];
        });
        await context.DrainAsync();

        // Told as trigger, resolve, trigger, PagerDuty would open a new page that nothing resolves.
        Assert.Equal([IncidentChangeKinds.Opened, IncidentChangeKinds.Updated, IncidentChangeKinds.Resolved], recording.Changes.Select(c => c.Kind));
        Assert.All(recording.Changes, c => Assert.Equal(incident.Id, c.Incident.Id));
        Assert.Equal(IncidentResponseKinds.BlockAddress, Assert.Single(recording.Changes[1].Incident.Responses).Kind);
        Assert.Equal(IncidentStatuses.Resolved, (await context.Incidents.GetAsync(incident.Id))!.Status);
    }

    [Fact]
    public async Task IncidentLookup_StoreIncidentsAndDirectlyReportedOnes_OpenUntilResolved()
    {
        await using var context = await DetectionTestContext.StartAsync(new() { ["Detection:SignatureFailure:Severity"] = "critical" });
        var lookup = context.Services.GetRequiredService<IIncidentLookup>();
        Assert.IsType<IncidentStoreLookup>(lookup);
        for (var i = 0; i < 10; i++)
        {
            await context.PublishAsync(SecurityEventTypes.TokenValidationFailed, Attacker, reason: SecurityErrorCodes.TokenBadSignature, step: TimeSpan.FromSeconds(1));
        }

        var incident = Assert.Single(await context.IncidentsAsync());
        await context.PublishAsync(SecurityEventTypes.IncidentOpened, outcome: SecurityEventOutcomes.Info,
            details: new Dictionary<string, string> { ["incident_id"] = "ext-1", ["severity"] = "critical", ["component"] = "jwt_auth_service" });

        var api = await lookup.GetOpenAsync("api_security");
        var open = Assert.Single(api);
        Assert.Equal((incident.Id, IncidentSeverities.Critical, "api_security"), (open.IncidentId, open.Severity, open.Component));
        Assert.Equal(["ext-1"], (await lookup.GetOpenAsync("jwt_auth_service")).Select(i => i.IncidentId));
        Assert.Equal(2, (await lookup.GetOpenAsync(null)).Count);

        await context.Incidents.AcknowledgeAsync(incident.Id, "usr_staff", null);
        Assert.Single(await lookup.GetOpenAsync("api_security"));
        await context.Incidents.ResolveAsync(incident.Id, "usr_staff", null);
        await context.PublishAsync(SecurityEventTypes.IncidentResolved, outcome: SecurityEventOutcomes.Info, details: new Dictionary<string, string> { ["incident_id"] = "ext-1" });
        Assert.Empty(await lookup.GetOpenAsync(null));
    }

    private static IncidentDetection Detection(DetectionTestContext context) => new(IncidentTypes.CredentialStuffing, IncidentSeverities.High, "Credential stuffing",
        "address:" + Attacker, null,
        [new SecurityEvent { Type = SecurityEventTypes.LoginFailed, OccurredAt = context.Time.GetUtcNow(), Outcome = SecurityEventOutcomes.Failure, Address = Attacker }],
        new Dictionary<string, string>());

    private static async Task BruteForceAsync(DetectionTestContext context, string userId)
    {
        for (var i = 0; i < 10; i++)
        {
            await context.WrongPasswordAsync(Attacker, userId, TimeSpan.FromSeconds(5));
        }
    }
}
