using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>
/// A server with the Clerk bridge enabled against a local stand-in Clerk (JWKS and Backend API on 127.0.0.1), fresh
/// secrets per factory. Session tokens and Svix signatures are made with real time: the server's clock is the system's.
/// </summary>
public sealed class ClerkServerFactory : AdminServerFactory
{
    public const string App = "https://app.example.com";
    public const string AdaId = "user_2mQ8vR3kTz9LwXbN4pY7cJ1eHsA";
    public const string GraceId = "user_2mQCw9Kp3Xz7RvNb1LtY5dHgF8e";
    public const string SessionId = "sess_2mQD0dR8Tb6Kz1XnLw3YpV9cJ4a";
    public const string WebhookPath = "/api/v1/integrations/clerk/webhooks";
    public const string ExchangePath = "/api/v1/auth/clerk/exchange";

    private int _stopped;

    public ClerkServerFactory()
    {
        var secretKey = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        WebhookKey = RandomNumberGenerator.GetBytes(24);
        StandIn = new ClerkStandIn(secretKey);
        StandIn.PublishKeys(TestRsaKey.First);
        StandIn.AddUser(AdaId, Fixture("user.json"));

        Settings["Clerk:Enabled"] = "true";
        Settings["Clerk:Issuer"] = StandIn.BaseUrl;
        Settings["Clerk:AuthorizedParties:0"] = App;
        Settings["Clerk:BackendApiBaseUrl"] = StandIn.BaseUrl;
        Settings["Clerk:SecretKey"] = secretKey;
        Settings["Clerk:WebhookSigningSecret"] = "whsec_" + Convert.ToBase64String(WebhookKey);
        Settings["Clerk:RoleMapping:reviewer"] = "security_reviewer";
        Settings["Clerk:RoleMapping:architect"] = "architect qa_engineer";
    }

    /// <summary>Gets the stand-in Clerk.</summary>
    public ClerkStandIn StandIn { get; }

    /// <summary>Gets the webhook signing key (the bytes behind <c>whsec_</c>).</summary>
    public byte[] WebhookKey { get; }

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(FixturePath(name));

    /// <summary>A Clerk v2 session token for <paramref name="subject"/>, valid now, signed by <see cref="TestRsaKey.First"/>.</summary>
    public string Token(string subject = AdaId, Action<Dictionary<string, object?>>? change = null, TestRsaKey? key = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["azp"] = App,
            ["exp"] = now + 60,
            ["fva"] = new[] { 0, -1 },
            ["iat"] = now,
            ["iss"] = StandIn.BaseUrl,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
            ["nbf"] = now - 10,
            ["sid"] = SessionId,
            ["sts"] = "active",
            ["sub"] = subject,
            ["v"] = 2,
        };
        change?.Invoke(claims);
        return TestSessionTokens.Sign(key ?? TestRsaKey.First, claims);
    }

    /// <summary>The <c>svix-signature</c> value for a body, computed independently of the code under test.</summary>
    public static string SvixSignature(byte[] key, string id, long timestamp, byte[] body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray()));

    /// <summary>Posts a webhook body as Svix would, signed at <paramref name="signedAt"/> (default now).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(HttpClient client, byte[] body, DateTimeOffset? signedAt = null, byte[]? signedBody = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        id ??= "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("svix-id", id);
        request.Headers.Add("svix-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("svix-signature", SvixSignature(WebhookKey, id, timestamp, signedBody ?? body));
        return await client.SendAsync(request);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await StopStandInAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            StopStandInAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private ValueTask StopStandInAsync() =>
        Interlocked.Exchange(ref _stopped, 1) == 0 ? StandIn.DisposeAsync() : ValueTask.CompletedTask;

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "clerk", name);
}
