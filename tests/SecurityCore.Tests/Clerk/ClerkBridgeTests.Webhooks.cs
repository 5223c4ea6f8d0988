using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed partial class ClerkBridgeTests
{
    [Fact]
    public async Task HandleWebhookAsync_UserCreated_CreatesTheLocalUser()
    {
        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(ClerkWebhookAction.Created, result.Action);
        Assert.Equal("user.created", result.EventType);
        Assert.Equal(ClerkTestContext.GraceId, result.ClerkUserId);
        Assert.False(result.SessionsMustEnd);
        var user = _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.GraceId)!;
        Assert.Equal(result.UserId, user.Id);
        Assert.Equal("grace@example.org", user.Username);
        Assert.Equal("Grace Hopper", user.DisplayName);
        Assert.Equal("grace@example.org", user.Email);
        Assert.Empty(user.Roles);
        Assert.Equal("active", user.Status);
        Assert.Equal([SecurityEventTypes.UserCreated, SecurityEventTypes.ClerkWebhookReceived], _context.Events.Events.Select(e => e.Type));
        var received = _context.Events.Events[^1];
        Assert.Equal(SecurityEventOutcomes.Success, received.Outcome);
        Assert.Equal("msg_2mQE1bV7Yx3Kc9LzWn5TpR8dH0f", received.Target);
        Assert.Equal("created", received.Details["action"]);
    }

    [Fact]
    public async Task HandleWebhookAsync_UserUpdated_UpdatesNameAndRoles()
    {
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));

        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.updated.json"), "msg_2")!;

        Assert.Equal(ClerkWebhookAction.Updated, result.Action);
        var user = _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.GraceId)!;
        Assert.Equal("Grace Hopper-Murray", user.DisplayName);
        Assert.Equal(["architect", "qa_engineer", "security_reviewer"], user.Roles.Order(StringComparer.Ordinal));
        Assert.Equal("grace@example.org", user.Username);
        var updated = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.UserUpdated);
        Assert.Equal("roles display_name", updated.Details["changed"]);
    }

    [Fact]
    public async Task HandleWebhookAsync_UserUpdatedForAnUnknownUser_CreatesIt()
    {
        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.updated.json"));

        Assert.Equal(ClerkWebhookAction.Created, result.Action);
        Assert.Equal(["architect", "qa_engineer", "security_reviewer"], _context.Users.FindById(result.UserId!)!.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HandleWebhookAsync_OlderProfileArrivingLate_IsNotApplied()
    {
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.updated.json"), "msg_1");

        var late = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"), "msg_2");

        Assert.Equal(ClerkWebhookAction.Unchanged, late.Action);
        Assert.Equal("Grace Hopper-Murray", _context.Users.FindById(late.UserId!)!.DisplayName);
    }

    [Fact]
    public async Task HandleWebhookAsync_SameEventDeliveredTwice_ChangesNothingTheSecondTime()
    {
        var body = ClerkTestContext.FixtureBytes("user.created.json");
        await _context.DeliverAsync(body);
        var eventsBefore = _context.Events.Events.Count;

        var again = await _context.DeliverAsync(body);

        Assert.Equal(ClerkWebhookAction.Unchanged, again.Action);
        Assert.Equal(eventsBefore + 1, _context.Events.Events.Count);
    }

    [Fact]
    public async Task HandleWebhookAsync_UserDeleted_DisablesTheUserAndEndsSessions()
    {
        var created = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));

        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.deleted.json"), "msg_3");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(ClerkWebhookAction.Disabled, result.Action);
        Assert.True(result.SessionsMustEnd);
        Assert.True(result.SessionsRevoked);
        Assert.Equal(created.UserId, result.UserId);
        Assert.Equal("disabled", _context.Users.FindById(created.UserId!)!.Status);
        Assert.Equal([(created.UserId!, "clerk")], _context.Revocation!.RevokedSubjects);
        var changed = Assert.Single(_context.Events.Events, e => e.Type == SecurityEventTypes.UserStatusChanged);
        Assert.Equal("disabled", changed.Details["status"]);
        Assert.Equal("clerk_user_deleted", changed.Details["cause"]);
        Assert.Equal("true", _context.Events.Events[^1].Details["sessions_must_end"]);
    }

    [Fact]
    public async Task HandleWebhookAsync_DeletedUserThenReplayedCreation_StaysDisabledAndCannotExchange()
    {
        _context.StandIn.AddUser(ClerkTestContext.GraceId, JsonNode.Parse(ClerkTestContext.Fixture("user.created.json"))!["data"]!.ToJsonString());
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"), "msg_1");
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.deleted.json"), "msg_2");

        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"), "msg_1");
        var exchange = await _context.Bridge.ExchangeAsync(_context.Token(c => c["sub"] = ClerkTestContext.GraceId));

        Assert.Equal("disabled", _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.GraceId)!.Status);
        Assert.Equal(SecurityErrorCodes.AccountInactive, exchange.ErrorCode);
    }

    [Fact]
    public async Task HandleWebhookAsync_UserDeletedWithoutTokenService_SaysSessionsMustEnd()
    {
        await using var context = new ClerkTestContext(withRevocation: false);
        await context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));

        var result = await context.DeliverAsync(ClerkTestContext.FixtureBytes("user.deleted.json"), "msg_2");

        Assert.Equal(ClerkWebhookAction.Disabled, result.Action);
        Assert.True(result.SessionsMustEnd);
        Assert.False(result.SessionsRevoked);
        Assert.Contains(context.Logs.Entries, e => e.Message.Contains("no token revocation service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleWebhookAsync_UserDeletedUnknownLocally_IsIgnored()
    {
        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.deleted.json"));

        Assert.True(result.Succeeded);
        Assert.Equal(ClerkWebhookAction.Ignored, result.Action);
        Assert.False(result.SessionsMustEnd);
        Assert.Empty(_context.Revocation!.RevokedSubjects);
    }

    [Fact]
    public async Task HandleWebhookAsync_OtherEventType_IsAcceptedAndIgnored()
    {
        var result = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("session.created.json"));

        Assert.True(result.Succeeded);
        Assert.Equal(ClerkWebhookAction.Ignored, result.Action);
        Assert.Equal("session.created", result.EventType);
        Assert.Equal(SecurityEventOutcomes.Info, Assert.Single(_context.Events.Events).Outcome);
    }

    [Fact]
    public async Task HandleWebhookAsync_BanThenUnban_SuspendsThenReactivates()
    {
        var created = JsonNode.Parse(ClerkTestContext.Fixture("user.created.json"))!;
        await _context.DeliverAsync(Encoding.UTF8.GetBytes(created.ToJsonString()), "msg_1");
        created["data"]!["banned"] = true;
        created["data"]!["updated_at"] = 1717003100000;
        var banned = await _context.DeliverAsync(Encoding.UTF8.GetBytes(created.ToJsonString()), "msg_2");
        var statusWhileBanned = _context.Users.FindById(banned.UserId!)!.Status;
        created["data"]!["banned"] = false;
        created["data"]!["updated_at"] = 1717003200000;

        var lifted = await _context.DeliverAsync(Encoding.UTF8.GetBytes(created.ToJsonString()), "msg_3");

        Assert.Equal("suspended", statusWhileBanned);
        Assert.True(banned.SessionsMustEnd);
        Assert.True(banned.SessionsRevoked);
        Assert.False(lifted.SessionsMustEnd);
        Assert.Equal("active", _context.Users.FindById(banned.UserId!)!.Status);
        Assert.Single(_context.Revocation!.RevokedSubjects);
    }

    [Fact]
    public async Task HandleWebhookAsync_UnbanDoesNotReactivateAnAccountSuspendedLocally()
    {
        var created = await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));
        var stored = _context.Users.FindById(created.UserId!)!;
        stored.Status = "suspended";
        _context.Users.Update(stored);

        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.updated.json"), "msg_2");

        Assert.Equal("suspended", _context.Users.FindById(created.UserId!)!.Status);
    }

    [Fact]
    public async Task HandleWebhookAsync_UserUpdatedAfterExchange_KeepsTheOrganizationRole()
    {
        var id = (await _context.Bridge.ExchangeAsync(_context.Token(c => c["o"] = new Dictionary<string, object?> { ["id"] = "org_1", ["rol"] = "admin" }))).User!.Id;
        var user = JsonNode.Parse(ClerkTestContext.Fixture("user.json"))!;
        user["last_name"] = "King";
        user["updated_at"] = 1717009000000;
        var body = new JsonObject { ["data"] = user, ["object"] = "event", ["type"] = "user.updated", ["timestamp"] = 1717009000100, ["instance_id"] = "ins_1" };

        var result = await _context.DeliverAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));

        Assert.Equal(ClerkWebhookAction.Updated, result.Action);
        var stored = _context.Users.FindById(id)!;
        Assert.Equal("Ada King", stored.DisplayName);
        Assert.Equal(["security_reviewer", "tech_lead"], stored.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HandleWebhookAsync_TamperedBody_IsRefusedAndChangesNothing()
    {
        var body = ClerkTestContext.FixtureBytes("user.created.json");
        var timestamp = _context.Time.GetUtcNow().ToUnixTimeSeconds();
        var signature = ClerkTestContext.SvixSignature(_context.WebhookKey, "msg_1", timestamp, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"public_metadata\": {}", "\"public_metadata\": {\"role\": \"reviewer\"}", StringComparison.Ordinal));

        var result = await _context.Bridge.HandleWebhookAsync("msg_1", timestamp.ToString(CultureInfo.InvariantCulture), signature, tampered);

        Assert.False(result.Succeeded);
        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, result.ErrorCode);
        Assert.Null(result.EventType);
        Assert.Null(_context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.GraceId));
        var refused = Assert.Single(_context.Events.Events);
        Assert.Equal(SecurityEventOutcomes.Failure, refused.Outcome);
        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, refused.ReasonCode);
    }

    [Fact]
    public async Task HandleWebhookAsync_StaleDelivery_IsRefusedAndChangesNothing()
    {
        var body = ClerkTestContext.FixtureBytes("user.deleted.json");
        await _context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));
        var timestamp = _context.Time.GetUtcNow().ToUnixTimeSeconds();
        var signature = ClerkTestContext.SvixSignature(_context.WebhookKey, "msg_old", timestamp, body);
        _context.Time.Advance(TimeSpan.FromMinutes(6));

        var result = await _context.Bridge.HandleWebhookAsync("msg_old", timestamp.ToString(CultureInfo.InvariantCulture), signature, body);

        Assert.Equal(SecurityErrorCodes.ClerkWebhookStaleTimestamp, result.ErrorCode);
        Assert.Equal("active", _context.Users.FindByExternalId(ClerkUserSync.Provider, ClerkTestContext.GraceId)!.Status);
    }

    [Fact]
    public async Task HandleWebhookAsync_MissingHeaders_IsRefused()
    {
        var result = await _context.Bridge.HandleWebhookAsync(null, null, null, ClerkTestContext.FixtureBytes("user.created.json"));

        Assert.Equal(SecurityErrorCodes.ClerkWebhookMissingHeaders, result.ErrorCode);
        Assert.Contains("svix-id", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"user.created\"}")]
    [InlineData("{\"type\":\"user.created\",\"data\":{\"id\":\"../admin\"}}")]
    [InlineData("{\"type\":\"user.deleted\",\"data\":{\"deleted\":true}}")]
    [InlineData("{\"type\":7,\"data\":{}}")]
    public async Task HandleWebhookAsync_SignedButUnreadable_RefusesInvalidPayload(string json)
    {
        var result = await _context.DeliverAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(SecurityErrorCodes.ClerkWebhookInvalidPayload, result.ErrorCode);
        Assert.Null(_context.Users.FindByUsername("admin"));
    }

    [Fact]
    public async Task HandleWebhookAsync_BridgeDisabled_RefusesClerkDisabled()
    {
        await using var context = new ClerkTestContext(o => o.Enabled = false);

        var result = await context.DeliverAsync(ClerkTestContext.FixtureBytes("user.created.json"));

        Assert.Equal(SecurityErrorCodes.ClerkDisabled, result.ErrorCode);
        Assert.Empty(context.Events.Events);
    }
}
