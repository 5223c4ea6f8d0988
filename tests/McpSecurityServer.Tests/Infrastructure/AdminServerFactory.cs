namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>A server whose first administrator's password is chosen by configuration (no forced change).</summary>
public class AdminServerFactory : ServerFactory
{
    public AdminServerFactory()
    {
        AdminPassword = TestSecrets.NewPassword();
        Settings["Bootstrap:AdminPassword"] = AdminPassword;
    }

    /// <summary>Gets the administrator's password.</summary>
    public string AdminPassword { get; }

    /// <summary>Logs the administrator in; answers the access token.</summary>
    public async Task<string> AdminTokenAsync()
    {
        using var client = CreateClient();
        return (await ServerAccounts.LoginAsync(client, "admin", AdminPassword)).Str("access_token");
    }
}
