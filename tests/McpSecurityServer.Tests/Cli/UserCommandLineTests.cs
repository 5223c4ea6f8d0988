using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Cli;

[Collection(ServerProcessGroup.Name)]
public sealed class UserCommandLineTests
{
    [Theory]
    [InlineData("users list --help")]
    [InlineData("users disable --help")]
    public async Task Help_UserVerbs_PrintUsageAndExitZero(string arguments)
    {
        var result = await ServerProcess.RunAsync(arguments.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersListAndDisable_InitialisedDirectory_Work()
    {
        using var data = await PreparedDataDirectory.CreateAsync("users");
        var password = TestSecrets.NewPassword();
        var add = await ServerProcess.RunAsync(["users", "add", "--username", "quinn", "--role", "developer", "--password-stdin", "--data-dir", data.Path], standardInput: password + "\n");
        Assert.Equal(0, add.ExitCode);

        var list = await ServerProcess.RunAsync(["users", "list", "--data-dir", data.Path]);
        var filtered = await ServerProcess.RunAsync(["users", "list", "--role", "developer", "--data-dir", data.Path]);
        var disable = await ServerProcess.RunAsync(["users", "disable", "--username", "quinn", "--data-dir", data.Path]);
        var disabled = await ServerProcess.RunAsync(["users", "list", "--status", "disabled", "--data-dir", data.Path]);
        var lastAdmin = await ServerProcess.RunAsync(["users", "disable", "--username", "admin", "--data-dir", data.Path]);
        var unknown = await ServerProcess.RunAsync(["users", "disable", "--username", "nobody", "--data-dir", data.Path]);
        var badStatus = await ServerProcess.RunAsync(["users", "list", "--status", "asleep", "--data-dir", data.Path]);

        Assert.Equal(0, list.ExitCode);
        Assert.Matches("(?m)^admin\\s+usr_[0-9a-f]+\\s+active\\s+admin", list.StandardOutput);
        Assert.Matches("(?m)^quinn\\s+usr_[0-9a-f]+\\s+active\\s+developer", list.StandardOutput);
        Assert.Contains("2 of 2 users shown.", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 of 1 users shown.", filtered.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, disable.ExitCode);
        Assert.Contains("User 'quinn' disabled", disable.StandardOutput, StringComparison.Ordinal);
        Assert.Matches("(?m)^quinn\\s+usr_[0-9a-f]+\\s+disabled", disabled.StandardOutput);
        Assert.NotEqual(0, lastAdmin.ExitCode);
        Assert.Contains("LAST_ADMIN", lastAdmin.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("NOT_FOUND", unknown.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, badStatus.ExitCode);
        Assert.Contains("VALIDATION_FAILED", badStatus.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", lastAdmin.StandardError + unknown.StandardError + badStatus.StandardError, StringComparison.Ordinal);
    }
}
