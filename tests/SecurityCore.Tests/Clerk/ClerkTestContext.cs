using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Identity;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>
/// The Clerk bridge wired by hand over a real LiteDB store and a stand-in Clerk on loopback, with fake time, captured logs
/// and events, fresh secrets per test, and a recording revocation service.
/// </summary>
internal sealed class ClerkTestContext : IAsyncDisposable
{
    public const string App = "https://app.example.com";
    public const string AdaId = "user_2mQ8vR3kTz9LwXbN4pY7cJ1eHsA";
    public const string GraceId = "user_2mQCw9Kp3Xz7RvNb1LtY5dHgF8e";
    public const string SessionId = "sess_2mQD0dR8Tb6Kz1XnLw3YpV9cJ4a";

    private readonly StoreContext _store = new();
    private readonly ILoggerFactory _loggerFactory;

    public ClerkTestContext(Action<ClerkOptions>? configure = null, bool withRevocation = true)
    {
        SecretKey = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        WebhookKey = RandomNumberGenerator.GetBytes(24);
        StandIn = new ClerkStandIn(SecretKey);
        StandIn.PublishKeys(TestRsaKey.First);
        StandIn.AddUser(AdaId, Fixture("user.json"));

        Options = new ClerkOptions
        {
            Enabled = true,
            Issuer = StandIn.BaseUrl,
            AuthorizedParties = [App],
            BackendApiBaseUrl = StandIn.BaseUrl,
            SecretKey = SecretKey,
            WebhookSigningSecret = "whsec_" + Convert.ToBase64String(WebhookKey),
            RoleMapping = new(StringComparer.Ordinal) { ["reviewer"] = "security_reviewer", ["architect"] = "architect qa_engineer" },
            OrganizationRoleMapping = new(StringComparer.Ordinal) { ["admin"] = "tech_lead" },
        };
        configure?.Invoke(Options);

        _loggerFactory = Logs.CreateFactory();
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Users = new LiteDbUserRepository(_store.Store);
        Hasher = new Argon2idPasswordHasher(Microsoft.Extensions.Options.Options.Create(IdentityTestContext.FastHashing()), _loggerFactory.CreateLogger<Argon2idPasswordHasher>());
        Jwks = new ClerkJwksProvider(new TestHttpClientFactory(), options, Time, _loggerFactory.CreateLogger<ClerkJwksProvider>());
        Verifier = new ClerkSessionVerifier(Jwks, options, Time);
        Backend = new ClerkBackendClient(new TestHttpClientFactory(), options, _loggerFactory.CreateLogger<ClerkBackendClient>());
        Revocation = withRevocation ? new RecordingTokenRevocationService() : null;
        Sync = new ClerkUserSync(Users, Hasher, new ClerkRoleMapper(options), Events, Time, _loggerFactory.CreateLogger<ClerkUserSync>(), Revocation);
        Webhooks = new SvixWebhookVerifier(options, Time);
        Bridge = new ClerkBridge(Verifier, Backend, Sync, Webhooks, options, Events, Time, _loggerFactory.CreateLogger<ClerkBridge>());
    }

    public string SecretKey { get; }

    public byte[] WebhookKey { get; }

    public ClerkStandIn StandIn { get; }

    public ClerkOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingSecurityEventSink Events { get; } = new();

    public LiteDbUserRepository Users { get; }

    public Argon2idPasswordHasher Hasher { get; }

    public ClerkJwksProvider Jwks { get; }

    public ClerkSessionVerifier Verifier { get; }

    public ClerkBackendClient Backend { get; }

    public RecordingTokenRevocationService? Revocation { get; }

    public ClerkUserSync Sync { get; }

    public SvixWebhookVerifier Webhooks { get; }

    public ClerkBridge Bridge { get; }

    public LiteDbStore Store => _store.Store;

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static byte[] FixtureBytes(string name) => File.ReadAllBytes(FixturePath(name));

    /// <summary>Claims shaped like a Clerk v2 session token, valid now.</summary>
    public Dictionary<string, object?> Claims(string subject = AdaId)
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, object?>
        {
            ["azp"] = App,
            ["exp"] = now + 60,
            ["fva"] = new[] { 0, -1 },
            ["iat"] = now,
            ["iss"] = StandIn.BaseUrl,
            ["jti"] = "a1b2c3d4e5f6a7b8c9d0",
            ["nbf"] = now - 10,
            ["sid"] = SessionId,
            ["sts"] = "active",
            ["sub"] = subject,
            ["v"] = 2,
        };
    }

    /// <summary>A session token signed by <see cref="TestRsaKey.First"/> with <see cref="Claims"/>, changed by <paramref name="change"/>.</summary>
    public string Token(Action<Dictionary<string, object?>>? change = null, TestRsaKey? key = null)
    {
        var claims = Claims();
        change?.Invoke(claims);
        return TestSessionTokens.Sign(key ?? TestRsaKey.First, claims);
    }

    /// <summary>The <c>svix-signature</c> value for a body, computed independently of the code under test.</summary>
    public static string SvixSignature(byte[] key, string id, long timestamp, byte[] body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray()));

    /// <summary>Signs and delivers a webhook body now, as Svix would.</summary>
    public Task<ClerkWebhookResult> DeliverAsync(byte[] body, string id = "msg_2mQE1bV7Yx3Kc9LzWn5TpR8dH0f")
    {
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
        return Bridge.HandleWebhookAsync(id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), SvixSignature(WebhookKey, id, timestamp, body), body);
    }

    public async ValueTask DisposeAsync()
    {
        Sync.Dispose();
        Jwks.Dispose();
        await StandIn.DisposeAsync();
        _loggerFactory.Dispose();
        _store.Dispose();
    }

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "clerk", name);
}
