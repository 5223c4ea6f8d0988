using System.Net;
using System.Text.Json;
using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Accounts and tokens of a running in-memory server, obtained through its public faces.</summary>
public static class ServerAccounts
{
    /// <summary>Reads the bootstrap administrator's generated password from the data directory.</summary>
    public static string ReadInitialAdminPassword(string dataDirectory) =>
        File.ReadAllText(Path.Combine(dataDirectory, "initial-admin-password")).Trim();

    /// <summary>Completes the bootstrap administrator's forced password change; answers the token response.</summary>
    public static async Task<(string Password, JsonElement Tokens)> ActivateBootstrapAdminAsync(ServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var client = factory.CreateClient();
        var newPassword = TestSecrets.NewPassword();
        var response = await client.PostJsonAsync("/api/v1/auth/change-password", new
        {
            username = "admin",
            current_password = ReadInitialAdminPassword(factory.DataDirectory),
            new_password = newPassword,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (newPassword, await response.JsonAsync());
    }

    /// <summary>Logs a user in; answers the token response.</summary>
    public static async Task<JsonElement> LoginAsync(HttpClient client, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostJsonAsync("/api/v1/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Registers a client through the identity service; answers its id and secret.</summary>
    public static async Task<(string Id, string Secret)> RegisterClientAsync(ServerFactory factory, string clientId, string[] scopes, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var registration = await factory.Services.GetRequiredService<IClientService>().RegisterAsync(clientId, clientId, scopes, roles);
        return (registration.Client.ClientId, registration.ClientSecret);
    }

    /// <summary>Creates a user through the identity service.</summary>
    public static async Task<string> CreateUserAsync(ServerFactory factory, string username, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var password = TestSecrets.NewPassword();
        await factory.Services.GetRequiredService<IUserService>().CreateAsync(username, password, roles, mustChangePassword: false);
        return password;
    }
}
