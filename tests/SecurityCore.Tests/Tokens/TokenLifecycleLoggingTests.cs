using System.Text.Json;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Logging;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenLifecycleLoggingTests
{
    [Fact]
    public async Task FullLifeCycle_NoTokenPasswordSecretOrKeyReachesLogsOrEvents()
    {
        using var capture = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        using var harness = TokenTestHarness.Create(loggerFactory: loggerFactory);
        const string password = "correct horse battery staple";
        const string newPassword = "an even better passphrase";
        const string clientSecret = "client-secret-value-123";
        harness.Users.Add("alice", password, ["admin"]);
        harness.Users.Add("root", password, ["admin"], mustChangePassword: true);
        harness.Users.Add("mfa", password, requiresSecondFactor: true);
        harness.Clients.Add("agent", clientSecret, ["mcp"]);
        var context = new TokenRequestContext("198.51.100.1", "req-9");
        var secrets = new List<string> { password, newPassword, clientSecret };

        var login = (await harness.Grants.PasswordAsync("alice", password, null, context)).Tokens!;
        await harness.Grants.PasswordAsync("alice", "wrong", null, context);
        var challenge = (await harness.Grants.PasswordAsync("mfa", password, null, context)).Challenge!;
        var changed = (await harness.Grants.ChangePasswordAndLoginAsync("root", password, newPassword, context)).Tokens!;
        var refreshed = (await harness.Grants.RefreshAsync(login.RefreshToken!, null, context)).Tokens!;
        await harness.Grants.RefreshAsync(login.RefreshToken!, null, context);
        var client = (await harness.Grants.ClientCredentialsAsync("agent", clientSecret, null, context)).Tokens!;
        harness.Validator.Validate(client.AccessToken);
        harness.Validator.Validate(refreshed.AccessToken);
        harness.Validator.Validate(client.AccessToken[..^3] + "AAA");
        harness.Grants.Introspect(changed.RefreshToken!);
        await harness.Grants.RevokeAsync(client.AccessToken, null, null, context);
        await harness.Grants.RevokeAsync(changed.RefreshToken!, null, null, context);
        harness.Validator.Validate(changed.AccessToken);
        harness.Keys.Rotate();
        harness.Maintenance.SweepOnce();

        secrets.AddRange([login.AccessToken, login.RefreshToken!, changed.AccessToken, changed.RefreshToken!, refreshed.AccessToken, refreshed.RefreshToken!, client.AccessToken, challenge.ChallengeId]);
        foreach (var key in harness.Keys.Ring.Keys)
        {
            secrets.Add(Convert.ToBase64String(key.Material.ExportPrivateMaterial()));
        }

        var logs = string.Join("\n", capture.Lines);
        var events = string.Join("\n", harness.Events.Events.Select(e => JsonSerializer.Serialize(e)));
        Assert.NotEmpty(capture.Lines);
        Assert.True(harness.Events.Events.Count > 10);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
            if (secret.Contains('.', StringComparison.Ordinal))
            {
                // Nor any segment of a JWS.
                foreach (var part in secret.Split('.'))
                {
                    Assert.DoesNotContain(part, logs, StringComparison.Ordinal);
                }
            }
        }
    }
}
