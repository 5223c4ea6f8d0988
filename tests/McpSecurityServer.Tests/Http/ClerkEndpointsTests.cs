using System.Net;
using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Http;

public sealed class ClerkEndpointsTests : IClassFixture<ClerkServerFactory>
{
    private readonly ClerkServerFactory _factory;

    public ClerkEndpointsTests(ClerkServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Exchange_ValidSessionToken_AnswersTokensThatValidateWithClerkSessionAndMappedRoles()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = _factory.Token() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
        var validated = Validator().Validate(body.Str("access_token"));
        Assert.True(validated.IsValid, validated.ErrorCode);
        Assert.Equal(["clerk_session"], validated.Token!.AuthenticationMethods);
        Assert.Contains("security_reviewer", validated.Token.Roles);
        var local = Users().FindByExternalId("clerk", ClerkServerFactory.AdaId);
        Assert.NotNull(local);
        Assert.Equal(local.Id, validated.Token.Subject);
        Assert.Equal("ada@example.org", local.Email);

        // A session like a password login's: the refresh token rotates and keeps the methods.
        var refreshed = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", body.Str("refresh_token"))]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var again = Validator().Validate((await refreshed.JsonAsync()).Str("access_token"));
        Assert.Equal(["clerk_session"], again.Token!.AuthenticationMethods);
        Assert.Equal(validated.Token.SessionId, again.Token.SessionId);
    }

    [Fact]
    public async Task Exchange_SecondFactorVerifiedAtClerk_AmrAddsMfa()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath,
            new { session_token = _factory.Token(change: claims => claims["fva"] = new[] { 5, 2 }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var validated = Validator().Validate((await response.JsonAsync()).Str("access_token"));
        Assert.Equal(["clerk_session", "mfa"], validated.Token!.AuthenticationMethods);
    }

    [Fact]
    public async Task Exchange_TokenSignedByAnotherKey_Answers401BadSignature()
    {
        using var client = _factory.CreateClient();
        var forged = TestSessionTokens.Sign(TestRsaKey.Second, Claims(_factory.Token()), keyId: TestRsaKey.First.KeyId);

        var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = forged });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_TOKEN_BAD_SIGNATURE", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Exchange_ExpiredToken_Answers401Expired()
    {
        using var client = _factory.CreateClient();
        var past = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var token = _factory.Token(change: claims =>
        {
            claims["iat"] = past;
            claims["nbf"] = past - 10;
            claims["exp"] = past + 60;
        });

        var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = token });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AUTH_TOKEN_EXPIRED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Exchange_OtherAuthorizedParty_Answers401AzpNotAllowed()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath,
            new { session_token = _factory.Token(change: claims => claims["azp"] = "https://evil.example.net") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("CLERK_AZP_NOT_ALLOWED", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Exchange_MissingOrOversizedToken_Answers400ValidationFailed()
    {
        using var client = _factory.CreateClient();

        var missing = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { scope = "mcp" });
        var huge = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = new string('a', 9000) });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await missing.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("VALIDATION_FAILED", await huge.ErrorCodeAsync());
    }

    [Fact]
    public async Task Exchange_BackendApiFailing_Answers503ClerkUnavailable()
    {
        using var client = _factory.CreateClient();
        _factory.StandIn.UsersStatusOverride = 500;
        try
        {
            var response = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = _factory.Token() });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("CLERK_UNAVAILABLE", await response.ErrorCodeAsync());
        }
        finally
        {
            _factory.StandIn.UsersStatusOverride = 0;
        }
    }

    [Fact]
    public async Task Webhooks_CreatedUpdatedDeleted_SyncTheUserAndDeletionEndsItsTokens()
    {
        using var client = _factory.CreateClient();

        var created = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("user.created.json"));
        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var grace = Users().FindByExternalId("clerk", ClerkServerFactory.GraceId);
        Assert.NotNull(grace);
        Assert.Equal("active", grace.Status);

        var updated = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("user.updated.json"));
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        grace = Users().FindByExternalId("clerk", ClerkServerFactory.GraceId)!;
        Assert.Contains("architect", grace.Roles);
        Assert.Contains("qa_engineer", grace.Roles);
        Assert.Contains("security_reviewer", grace.Roles);

        // Grace signs in through Clerk, then is deleted there.
        using (var updatedEvent = JsonDocument.Parse(ClerkServerFactory.Fixture("user.updated.json")))
        {
            _factory.StandIn.AddUser(ClerkServerFactory.GraceId, updatedEvent.RootElement.GetProperty("data").GetRawText());
        }

        var exchange = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = _factory.Token(ClerkServerFactory.GraceId) });
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var tokens = await exchange.JsonAsync();
        Assert.True(Validator().Validate(tokens.Str("access_token")).IsValid);

        var deleted = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("user.deleted.json"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("disabled", Users().FindByExternalId("clerk", ClerkServerFactory.GraceId)!.Status);
        var afterDelete = Validator().Validate(tokens.Str("access_token"));
        Assert.False(afterDelete.IsValid);
        Assert.Equal("AUTH_TOKEN_REVOKED", afterDelete.ErrorCode);
        var refresh = await client.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", tokens.Str("refresh_token"))]);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        var exchangeAgain = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = _factory.Token(ClerkServerFactory.GraceId) });
        Assert.Equal(HttpStatusCode.Forbidden, exchangeAgain.StatusCode);
        Assert.Equal("AUTH_ACCOUNT_INACTIVE", await exchangeAgain.ErrorCodeAsync());
    }

    [Fact]
    public async Task Webhook_TamperedBody_Answers401AndChangesNothing()
    {
        using var client = _factory.CreateClient();
        var signed = Encoding.UTF8.GetBytes(ClerkServerFactory.Fixture("user.created.json").Replace(ClerkServerFactory.GraceId, "user_2tamperedTamperedTampered1", StringComparison.Ordinal));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("Grace", "Mallory", StringComparison.Ordinal));

        var response = await _factory.DeliverAsync(client, tampered, signedBody: signed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("CLERK_WEBHOOK_BAD_SIGNATURE", await response.ErrorCodeAsync());
        Assert.Null(Users().FindByExternalId("clerk", "user_2tamperedTamperedTampered1"));
    }

    [Fact]
    public async Task Webhook_SignedTenMinutesAgo_Answers401Stale()
    {
        using var client = _factory.CreateClient();

        var response = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("session.created.json"), signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("CLERK_WEBHOOK_STALE_TIMESTAMP", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Webhook_OtherEventType_Answers204()
    {
        using var client = _factory.CreateClient();

        var response = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("session.created.json"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_WithoutSvixHeaders_Answers400()
    {
        using var client = _factory.CreateClient();
        using var content = new ByteArrayContent(ClerkServerFactory.FixtureBytes("user.created.json"));

        var response = await client.PostAsync(ClerkServerFactory.WebhookPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CLERK_WEBHOOK_MISSING_HEADERS", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Webhook_BodyOverTheCap_Answers413()
    {
        using var client = _factory.CreateClient();
        var body = new byte[(256 * 1024) + 1];
        body.AsSpan().Fill((byte)' ');

        var response = await _factory.DeliverAsync(client, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("CLERK_WEBHOOK_INVALID_PAYLOAD", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ExchangeAndWebhook_ClerkDisabled_Answer404ClerkDisabled()
    {
        await using var plain = new AdminServerFactory();
        using var client = plain.CreateClient();

        var exchange = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = _factory.Token() });
        var webhook = await _factory.DeliverAsync(client, ClerkServerFactory.FixtureBytes("user.created.json"));

        Assert.Equal(HttpStatusCode.NotFound, exchange.StatusCode);
        Assert.Equal("CLERK_DISABLED", await exchange.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Equal("CLERK_DISABLED", await webhook.ErrorCodeAsync());
    }

    [Fact]
    public async Task Logs_ExchangesAndWebhooks_ContainNoSessionTokenSecretOrSignature()
    {
        using var client = _factory.CreateClient();
        var good = _factory.Token();
        var expired = _factory.Token(change: claims => claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        var ok = await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = good });
        var tokens = await ok.JsonAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync(ClerkServerFactory.ExchangePath, new { session_token = expired })).StatusCode);
        var body = ClerkServerFactory.FixtureBytes("session.created.json");
        var signed = Encoding.UTF8.GetBytes("{}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.DeliverAsync(client, body, signedBody: signed)).StatusCode);

        var secrets = new[]
        {
            good, expired, good.Split('.')[2], tokens.Str("access_token"), tokens.Str("refresh_token"),
            _factory.Settings["Clerk:SecretKey"]!, Convert.ToBase64String(_factory.WebhookKey),
        };
        var logs = string.Concat(Directory.GetFiles(Path.Combine(_factory.DataDirectory, "logs")).Select(ReadShared));
        Assert.Contains("Clerk", logs, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    private IAccessTokenValidator Validator() => _factory.Services.GetRequiredService<IAccessTokenValidator>();

    private IUserRepository Users() => _factory.Services.GetRequiredService<IUserRepository>();

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Dictionary<string, object?> Claims(string token)
    {
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]);
        return JsonSerializer.Deserialize<Dictionary<string, object?>>(payload)!;
    }
}
