using System.Text.RegularExpressions;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>A data directory initialised through the CLI verbs: an administrator with a chosen password and an admin client.</summary>
public sealed partial class PreparedDataDirectory : IDisposable
{
    private readonly TempDirectory _directory;

    private PreparedDataDirectory(TempDirectory directory, string adminPassword, string clientId, string clientSecret)
    {
        _directory = directory;
        AdminPassword = adminPassword;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string Path => _directory.Path;

    public string AdminPassword { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>Gets the environment that chooses the administrator's password (as an operator script would).</summary>
    public IReadOnlyDictionary<string, string> AdminEnvironment => new Dictionary<string, string> { ["MCPSEC__Bootstrap__AdminPassword"] = AdminPassword };

    /// <summary>Runs <c>init</c> and <c>clients add --role admin --scope mcp</c>.</summary>
    public static async Task<PreparedDataDirectory> CreateAsync(string purpose)
    {
        var directory = new TempDirectory(purpose);
        var password = TestSecrets.NewPassword();
        var environment = new Dictionary<string, string> { ["MCPSEC__Bootstrap__AdminPassword"] = password };

        var init = await ServerProcess.RunAsync(["init", "--data-dir", directory.Path], environment);
        Assert.True(init.ExitCode == 0, $"init failed ({init.ExitCode}):\n{init.StandardError}");

        var add = await ServerProcess.RunAsync(["clients", "add", "--id", "stdio-agent", "--name", "Stdio agent", "--scope", "mcp", "--role", "admin", "--data-dir", directory.Path], environment);
        Assert.True(add.ExitCode == 0, $"clients add failed ({add.ExitCode}):\n{add.StandardError}");
        var id = ClientIdLine().Match(add.StandardOutput).Groups[1].Value;
        var secret = ClientSecretLine().Match(add.StandardOutput).Groups[1].Value;
        Assert.Equal("stdio-agent", id);
        Assert.False(string.IsNullOrEmpty(secret));
        return new PreparedDataDirectory(directory, password, id, secret);
    }

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("^client_id: (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex ClientIdLine();

    [GeneratedRegex("^client_secret: (\\S+)$", RegexOptions.Multiline)]
    private static partial Regex ClientSecretLine();
}
