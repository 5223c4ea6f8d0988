using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Cli;

[Collection(ServerProcessGroup.Name)]
public sealed class RoleCommandLineTests
{
    [Theory]
    [InlineData("roles assign --help")]
    [InlineData("roles revoke --help")]
    [InlineData("roles list --help")]
    [InlineData("users unlock --help")]
    public async Task Help_RoleVerbs_PrintUsageAndExitZero(string arguments)
    {
        var result = await ServerProcess.RunAsync(arguments.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--data-dir", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesAssignRevokeListAndUsersUnlock_InitialisedDirectory_Work()
    {
        using var data = await PreparedDataDirectory.CreateAsync("roles");
        var password = TestSecrets.NewPassword();
        var add = await ServerProcess.RunAsync(["users", "add", "--username", "dana", "--password-stdin", "--data-dir", data.Path], standardInput: password + "\n");
        Assert.Equal(0, add.ExitCode);

        var assign = await ServerProcess.RunAsync(["roles", "assign", "--username", "dana", "--role", "tech_lead", "--data-dir", data.Path]);
        var again = await ServerProcess.RunAsync(["roles", "assign", "--username", "dana", "--role", "tech_lead", "--data-dir", data.Path]);
        var client = await ServerProcess.RunAsync(["roles", "revoke", "--client", data.ClientId, "--role", "admin", "--data-dir", data.Path]);
        var list = await ServerProcess.RunAsync(["roles", "list", "--data-dir", data.Path]);
        var lastAdmin = await ServerProcess.RunAsync(["roles", "revoke", "--username", "admin", "--role", "admin", "--data-dir", data.Path]);
        var unknown = await ServerProcess.RunAsync(["roles", "assign", "--username", "dana", "--role", "wizard", "--data-dir", data.Path]);
        var both = await ServerProcess.RunAsync(["roles", "assign", "--username", "dana", "--client", data.ClientId, "--role", "developer", "--data-dir", data.Path]);
        var unlock = await ServerProcess.RunAsync(["users", "unlock", "--username", "dana", "--data-dir", data.Path]);

        Assert.Equal(0, assign.ExitCode);
        Assert.Contains("Role 'tech_lead' assigned to user 'dana' (roles now: tech_lead).", assign.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already has", again.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, client.ExitCode);
        Assert.Contains($"revoked from client '{data.ClientId}' (roles now: none)", client.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches("(?m)^security_reviewer\\s+built-in\\s+.*audit:verify", list.StandardOutput);
        Assert.Matches("(?m)^admin\\s+built-in\\s+tokens:issue", list.StandardOutput);
        Assert.NotEqual(0, lastAdmin.ExitCode);
        Assert.Contains("LAST_ADMIN", lastAdmin.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("NOT_FOUND", unknown.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("exactly one", both.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, unlock.ExitCode);
        Assert.Contains("User 'dana' was not locked", unlock.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", lastAdmin.StandardError + unknown.StandardError + both.StandardError, StringComparison.Ordinal);
    }
}
