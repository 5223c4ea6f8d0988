using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSecurityTokens_CalledTwice_ResolvesOneOfEachAndTheServicesWork()
    {
        var services = Dependencies(new Dictionary<string, string?> { ["Tokens:Algorithm"] = "PS256", ["Tokens:AccessTokenLifetime"] = "00:05:00" });
        var section = services.BuildServiceProvider().GetRequiredService<IConfiguration>().GetSection("Tokens");
        services.AddSecurityTokens(section);
        services.AddSecurityTokens(section);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IValidateOptions<TokenOptions>>().OfType<TokenOptionsValidator>());
        Assert.Equal(2, provider.GetServices<IHostedService>().Count());
        Assert.Same(provider.GetRequiredService<ISigningKeyService>(), provider.GetRequiredService<SigningKeyService>());
        Assert.Equal("PS256", provider.GetRequiredService<IOptions<TokenOptions>>().Value.Algorithm);

        var issued = provider.GetRequiredService<IAccessTokenIssuer>().Issue(new AccessTokenDescriptor
        {
            Subject = "usr_x",
            ClientId = "c",
            SessionId = "s",
            AuthTime = DateTimeOffset.UtcNow,
        });
        Assert.Equal(TimeSpan.FromMinutes(5), issued.ExpiresAt - issued.IssuedAt);
        Assert.True(provider.GetRequiredService<IAccessTokenValidator>().Validate(issued.Token).IsValid);
        Assert.NotNull(provider.GetRequiredService<ITokenGrantService>());
        Assert.NotNull(provider.GetRequiredService<ITokenRevocationService>());
    }

    [Fact]
    public async Task AddSecurityTokens_BadConfiguration_StopsTheHostWithAMessageNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tokens:Algorithm"] = "XYZ" });
        foreach (var descriptor in Dependencies([]))
        {
            if (descriptor.ServiceType != typeof(IConfiguration))
            {
                builder.Services.Add(descriptor);
            }
        }

        builder.Services.AddSecurityTokens(builder.Configuration.GetSection(TokenOptions.SectionName));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Tokens:Algorithm: unknown algorithm 'XYZ'; allowed: ES256, RS256, PS256, HS256", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Dependencies(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<ISigningKeyRepository, InMemorySigningKeyRepository>();
        services.AddSingleton<IRefreshTokenRepository, InMemoryRefreshTokenRepository>();
        services.AddSingleton<IRevocationRepository, InMemoryRevocationRepository>();
        services.AddSingleton<ISecretProtector, FakeSecretProtector>();
        services.AddSingleton<ISecurityEventSink, RecordingSecurityEventSink>();
        services.AddSingleton<IUserService, FakeUserService>();
        services.AddSingleton<IClientService, FakeClientService>();
        return services;
    }
}
