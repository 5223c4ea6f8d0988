using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The token service as the host composes it: real LiteDB store, master key, Argon2id users and clients.</summary>
public sealed class TokenServiceEndToEndTests : IDisposable
{
    private const string Password = "quiet-lantern-47-meadow";
    private static readonly TokenRequestContext Context = new("192.0.2.10", "req-e2e");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LoginRefreshReuseRevoke_OverTheRealStore_SurviveARestart()
    {
        string accessAfterReuse, revokedAccess, clientAccess, keyId;
        using (var provider = Build())
        {
            var users = provider.GetRequiredService<IUserService>();
            var grants = provider.GetRequiredService<ITokenGrantService>();
            var validator = provider.GetRequiredService<IAccessTokenValidator>();
            var clients = provider.GetRequiredService<IClientService>();
            // No admin role: admins must enrol a second factor before a password login yields tokens.
            await users.CreateAsync("erin", Password, [], mustChangePassword: false);
            var registration = await clients.RegisterAsync("agent-e2e", null, ["mcp"], []);

            var login = (await grants.PasswordAsync("erin", Password, null, Context)).Tokens!;
            var rotated = (await grants.RefreshAsync(login.RefreshToken!, null, Context)).Tokens!;
            Assert.True(validator.Validate(rotated.AccessToken).IsValid);
            var reuse = await grants.RefreshAsync(login.RefreshToken!, null, Context);
            Assert.Equal(SecurityErrorCodes.RefreshTokenReused, reuse.ErrorCode);
            accessAfterReuse = rotated.AccessToken;

            var second = (await grants.PasswordAsync("erin", Password, null, Context)).Tokens!;
            await grants.RevokeAsync(second.AccessToken, null, null, Context);
            revokedAccess = second.AccessToken;

            clientAccess = (await grants.ClientCredentialsAsync("agent-e2e", registration.ClientSecret, null, Context)).Tokens!.AccessToken;
            keyId = validator.Validate(clientAccess).Token!.KeyId;

            var wrong = await grants.PasswordAsync("erin", "not the password", null, Context);
            Assert.Equal(SecurityErrorCodes.InvalidCredentials, wrong.ErrorCode);
            var reader = provider.GetRequiredService<ISecurityEventReader>();
            Assert.NotEmpty(await reader.GetRecentAsync(10, SecurityEventTypes.RefreshTokenReuse));
            var failed = Assert.Single(await reader.GetRecentAsync(10, SecurityEventTypes.LoginFailed));
            Assert.Equal(("192.0.2.10", "req-e2e"), (failed.Address, failed.RequestId));
        }

        using (var restarted = Build())
        {
            var validator = restarted.GetRequiredService<IAccessTokenValidator>();
            Assert.Equal(SecurityErrorCodes.TokenRevoked, validator.Validate(accessAfterReuse).ErrorCode);
            Assert.Equal(SecurityErrorCodes.TokenRevoked, validator.Validate(revokedAccess).ErrorCode);
            var client = validator.Validate(clientAccess);
            Assert.True(client.IsValid, client.ErrorCode);
            Assert.Equal(keyId, restarted.GetRequiredService<ISigningKeyService>().List().Single().KeyId);
        }
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _temp.PathOf("data"),
            ["Identity:PasswordHashing:MemoryKiB"] = "256",
            ["Identity:PasswordHashing:Iterations"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSecurityCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
