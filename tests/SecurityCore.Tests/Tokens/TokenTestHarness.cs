using System.Text.Json;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>Wires the token services over in-memory fakes and a fake clock; <see cref="Restart"/> keeps the stores.</summary>
internal sealed class TokenTestHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TokenTestHarness(
        TokenOptions options,
        FakeTimeProvider time,
        InMemorySigningKeyRepository keyRepository,
        IRefreshTokenRepository refreshRepository,
        InMemoryRevocationRepository revocationRepository,
        FakeSecretProtector protector,
        RecordingSecurityEventSink events,
        FakeUserService users,
        FakeClientService clients,
        ILoggerFactory loggerFactory)
    {
        Options = options;
        Time = time;
        KeyRepository = keyRepository;
        RefreshRepository = refreshRepository;
        RevocationRepository = revocationRepository;
        Protector = protector;
        Events = events;
        Users = users;
        Clients = clients;
        LoggerFactory = loggerFactory;

        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Publisher = new TokenEventPublisher(events, loggerFactory.CreateLogger<TokenEventPublisher>());
        Keys = new SigningKeyService(keyRepository, protector, wrapped, Publisher, time, loggerFactory.CreateLogger<SigningKeyService>());
        Revocations = new TokenRevocationService(revocationRepository, refreshRepository, Keys, wrapped, Publisher, time, loggerFactory.CreateLogger<TokenRevocationService>());
        Issuer = new AccessTokenIssuer(Keys, wrapped, time);
        Validator = new AccessTokenValidator(Keys, Revocations, wrapped, Publisher, time, loggerFactory.CreateLogger<AccessTokenValidator>());
        RefreshTokens = new RefreshTokenService(refreshRepository, wrapped, time);
        Challenges = new MfaChallengeStore(wrapped, time);
        Grants = new TokenGrantService(users, clients, Issuer, Validator, Revocations, RefreshTokens, Challenges, wrapped, Publisher, time, loggerFactory.CreateLogger<TokenGrantService>());
        Maintenance = new TokenMaintenanceService(Revocations, refreshRepository, Keys, Challenges, wrapped, time, loggerFactory.CreateLogger<TokenMaintenanceService>());
    }

    public TokenOptions Options { get; }
    public FakeTimeProvider Time { get; }
    public InMemorySigningKeyRepository KeyRepository { get; }
    public IRefreshTokenRepository RefreshRepository { get; }
    public InMemoryRevocationRepository RevocationRepository { get; }
    public FakeSecretProtector Protector { get; }
    public RecordingSecurityEventSink Events { get; }
    public FakeUserService Users { get; }
    public FakeClientService Clients { get; }
    public ILoggerFactory LoggerFactory { get; }
    public TokenEventPublisher Publisher { get; }
    public SigningKeyService Keys { get; }
    public TokenRevocationService Revocations { get; }
    public AccessTokenIssuer Issuer { get; }
    public AccessTokenValidator Validator { get; }
    public RefreshTokenService RefreshTokens { get; }
    public MfaChallengeStore Challenges { get; }
    public TokenGrantService Grants { get; }
    public TokenMaintenanceService Maintenance { get; }

    public SigningKeyMaterial ActiveKey => Keys.GetActiveKey().Material;

    public static TokenTestHarness Create(Action<TokenOptions>? configure = null, IRefreshTokenRepository? refreshRepository = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new TokenOptions { Issuer = "https://auth.example.test", Audience = "https://auth.example.test/mcp" };
        configure?.Invoke(options);
        var harness = new TokenTestHarness(
            options,
            new FakeTimeProvider(Start),
            new InMemorySigningKeyRepository(),
            refreshRepository ?? new InMemoryRefreshTokenRepository(),
            new InMemoryRevocationRepository(),
            new FakeSecretProtector(),
            new RecordingSecurityEventSink(),
            new FakeUserService(),
            new FakeClientService(),
            loggerFactory ?? NullLoggerFactory.Instance);
        harness.Keys.EnsureActiveKey();
        return harness;
    }

    /// <summary>New service instances over the same stores, clock and identities: a process restart.</summary>
    public TokenTestHarness Restart() =>
        new(Options, Time, KeyRepository, RefreshRepository, RevocationRepository, Protector, Events, Users, Clients, LoggerFactory);

    public IssuedAccessToken IssueAccessToken(string subject = "usr_alice", string sessionId = "sess-1", string clientId = "mcpsec-login") =>
        Issuer.Issue(new AccessTokenDescriptor
        {
            Subject = subject,
            ClientId = clientId,
            SessionId = sessionId,
            Scopes = ["mcp", "tokens:read"],
            Roles = ["admin", "operator"],
            AuthenticationMethods = ["pwd"],
            AuthTime = Time.GetUtcNow(),
        });

    /// <summary>The claims the issuer would write, as a mutable dictionary for crafting attacks.</summary>
    public Dictionary<string, object?> ValidClaims()
    {
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, object?>
        {
            ["iss"] = Options.Issuer,
            ["sub"] = "usr_alice",
            ["aud"] = Options.Audience,
            ["exp"] = now + 600,
            ["nbf"] = now,
            ["iat"] = now,
            ["jti"] = "forged-" + Guid.NewGuid().ToString("N"),
            ["client_id"] = "mcpsec-login",
            ["scope"] = "mcp",
            ["roles"] = new[] { "admin" },
            ["sid"] = "sess-forged",
            ["amr"] = new[] { "pwd" },
            ["auth_time"] = now,
        };
    }

    /// <summary>A header naming the active key, as the issuer writes it.</summary>
    public Dictionary<string, object?> ValidHeader(SigningKeyMaterial? key = null)
    {
        key ??= ActiveKey;
        return new Dictionary<string, object?> { ["alg"] = key.Algorithm, ["typ"] = "at+jwt", ["kid"] = key.KeyId };
    }

    /// <summary>Signs a crafted header and payload with <paramref name="key"/> (the active key by default).</summary>
    public string Forge(Dictionary<string, object?> header, Dictionary<string, object?> claims, SigningKeyMaterial? key = null) =>
        TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), bytes => (key ?? ActiveKey).Sign(bytes));

    public void Dispose() => Validator.Dispose();
}
