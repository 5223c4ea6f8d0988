using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Identity;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class ClerkServiceCollectionExtensionsTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly string _secretKey = "sk_test_" + Guid.NewGuid().ToString("N");
    private readonly byte[] _webhookKey = Enumerable.Range(7, 24).Select(i => (byte)i).ToArray();
    private ClerkStandIn _standIn = null!;

    public Task InitializeAsync()
    {
        _standIn = new ClerkStandIn(_secretKey);
        _standIn.PublishKeys(TestRsaKey.First);
        _standIn.AddUser(ClerkTestContext.AdaId, ClerkTestContext.Fixture("user.json"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task AddSecurityClerk_NotConfigured_IsOffAndRefusesWithClerkDisabled()
    {
        await using var provider = Build(new Dictionary<string, string?>());

        var bridge = provider.GetRequiredService<IClerkBridge>();
        var exchange = await bridge.ExchangeAsync("a.b.c");
        var webhook = await bridge.HandleWebhookAsync("msg_1", "1", "v1,x", "{}"u8.ToArray());

        Assert.False(provider.GetRequiredService<IOptions<ClerkOptions>>().Value.Enabled);
        Assert.Equal(SecurityErrorCodes.ClerkDisabled, exchange.ErrorCode);
        Assert.Equal(SecurityErrorCodes.ClerkDisabled, webhook.ErrorCode);
    }

    [Fact]
    public async Task AddSecurityClerk_EnabledWithoutSecrets_FailsNamingTheKeys()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Clerk:Enabled"] = "true", ["Clerk:Issuer"] = "https://clerk.example.com" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClerkOptions>>().Value);

        Assert.Contains("Clerk:SecretKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Clerk:WebhookSigningSecret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityClerk_FullPipeline_ExchangesThroughTheRealHttpClientFactoryAndEndsSessionsOnDeletion()
    {
        var revocation = new RecordingTokenRevocationService();
        await using var provider = Build(Enabled(), services => services.AddSingleton<ITokenRevocationService>(revocation));
        var time = provider.GetRequiredService<TimeProvider>();
        var bridge = provider.GetRequiredService<IClerkBridge>();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["azp"] = ClerkTestContext.App, ["exp"] = now + 60, ["iat"] = now, ["nbf"] = now - 10, ["iss"] = _standIn.BaseUrl,
            ["sid"] = ClerkTestContext.SessionId, ["sub"] = ClerkTestContext.AdaId, ["v"] = 2,
        };

        var exchange = await bridge.ExchangeAsync(TestSessionTokens.Sign(TestRsaKey.First, claims));
        var body = System.Text.Encoding.UTF8.GetBytes(ClerkTestContext.Fixture("user.deleted.json").Replace(ClerkTestContext.GraceId, ClerkTestContext.AdaId, StringComparison.Ordinal));
        var webhook = await bridge.HandleWebhookAsync("msg_9", now.ToString(System.Globalization.CultureInfo.InvariantCulture), ClerkTestContext.SvixSignature(_webhookKey, "msg_9", now, body), body);

        Assert.True(exchange.Succeeded, exchange.Message);
        Assert.Equal(["security_reviewer"], exchange.User!.Roles);
        Assert.Equal(ClerkWebhookAction.Disabled, webhook.Action);
        Assert.True(webhook.SessionsRevoked);
        Assert.Equal([(exchange.User.Id, "clerk")], revocation.RevokedSubjects);
        Assert.Equal("disabled", provider.GetRequiredService<IUserService>().FindById(exchange.User.Id)!.Status);
        Assert.Contains($"GET /v1/users/{ClerkTestContext.AdaId} auth=ok", _standIn.Requests);
        var recorded = await provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10);
        Assert.Contains(recorded, e => e.Type == SecurityEventTypes.ClerkSessionExchanged && e.Outcome == SecurityEventOutcomes.Success);
        Assert.Contains(recorded, e => e.Type == SecurityEventTypes.ClerkWebhookReceived);
        Assert.DoesNotContain(_secretKey, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityClerk_WithoutTokenService_StillResolves()
    {
        await using var provider = Build(Enabled());

        Assert.NotNull(provider.GetRequiredService<IClerkBridge>());
        Assert.Null(provider.GetService<ITokenRevocationService>());
    }

    [Fact]
    public void AddSecurityClerk_CalledTwice_RegistersEachServiceOnce()
    {
        var section = new ConfigurationBuilder().Build().GetSection(ClerkOptions.SectionName);
        var once = new ServiceCollection().AddSecurityClerk(section);
        var services = new ServiceCollection();
        services.AddSecurityClerk(section);
        services.AddSecurityClerk(section);

        Assert.Single(services, d => d.ServiceType == typeof(IClerkBridge));
        Assert.Single(services, d => d.ServiceType == typeof(ClerkJwksProvider));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<ClerkOptions>));
        Assert.Equal(once.Count, services.Count);
    }

    [Fact]
    public void AddSecurityCore_Always_IncludesTheClerkBridge()
    {
        var services = new ServiceCollection();
        services.AddSecurityCore(new ConfigurationBuilder().Build());

        Assert.Single(services, d => d.ServiceType == typeof(IClerkBridge));
    }

    private Dictionary<string, string?> Enabled() => new()
    {
        ["Clerk:Enabled"] = "true",
        ["Clerk:Issuer"] = _standIn.BaseUrl,
        ["Clerk:BackendApiBaseUrl"] = _standIn.BaseUrl,
        ["Clerk:AuthorizedParties:0"] = ClerkTestContext.App,
        ["Clerk:SecretKey"] = _secretKey,
        ["Clerk:WebhookSigningSecret"] = "whsec_" + Convert.ToBase64String(_webhookKey),
        ["Clerk:RoleMapping:reviewer"] = "security_reviewer",
        ["Identity:PasswordHashing:MemoryKiB"] = "256",
        ["Identity:PasswordHashing:Iterations"] = "1",
    };

    private ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection>? more = null)
    {
        values["Storage:DataDirectory"] = _temp.PathOf("data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddSingleton<ISigningKeyService, FakeSigningKeyService>();
        services.AddSecurityStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddSecurityEvents();
        services.AddSecurityIdentity(configuration.GetSection(BootstrapOptions.SectionName));
        more?.Invoke(services);
        services.AddSecurityClerk(configuration.GetSection(ClerkOptions.SectionName));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
