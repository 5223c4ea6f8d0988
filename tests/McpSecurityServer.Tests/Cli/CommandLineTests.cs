using System.Text.RegularExpressions;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Cli;

[Collection(ServerProcessGroup.Name)]
public sealed partial class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("serve --help")]
    [InlineData("stdio --help")]
    [InlineData("init --help")]
    [InlineData("keys rotate --help")]
    [InlineData("keys list --help")]
    [InlineData("clients add --help")]
    [InlineData("users add --help")]
    public async Task Help_EveryVerb_PrintsUsageAndExitsZero(string arguments)
    {
        var result = await ServerProcess.RunAsync(arguments.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--data-dir", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownArgument_ExitsNonZeroWithOneMessage()
    {
        var result = await ServerProcess.RunAsync(["serve", "--data-dri", "/tmp/x"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--data-dri", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_FreshDirectory_ShowsGeneratedPasswordOnceAndIsIdempotent()
    {
        using var data = new TempDirectory("init");

        var first = await ServerProcess.RunAsync(["init", "--data-dir", data.Path]);
        var second = await ServerProcess.RunAsync(["init", "--data-dir", data.Path]);

        Assert.Equal(0, first.ExitCode);
        var passwordFile = Path.Combine(data.Path, "initial-admin-password");
        var password = File.ReadAllText(passwordFile).Trim();
        Assert.Contains($"Initial administrator 'admin' created; password written to {passwordFile}; it must be changed at first login: {password}",
            first.StandardError, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        }

        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(password, second.StandardError + second.StandardOutput, StringComparison.Ordinal);
        foreach (var log in Directory.GetFiles(Path.Combine(data.Path, "logs")))
        {
            Assert.DoesNotContain(password, File.ReadAllText(log), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeysRotateAndList_InitialisedDirectory_ShowTheNewActiveKey()
    {
        using var data = await PreparedDataDirectory.CreateAsync("keys");

        var rotate = await ServerProcess.RunAsync(["keys", "rotate", "--data-dir", data.Path]);
        var list = await ServerProcess.RunAsync(["keys", "list", "--data-dir", data.Path]);

        Assert.Equal(0, rotate.ExitCode);
        Assert.Equal(0, list.ExitCode);
        var keyId = NewKeyLine().Match(rotate.StandardOutput).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(keyId), rotate.StandardOutput);
        Assert.Matches($"(?m)^{Regex.Escape(keyId)}\\s+ES256\\s+active", list.StandardOutput);
        Assert.Matches("(?m)\\sretired\\s", list.StandardOutput);
    }

    [Fact]
    public async Task UsersAdd_PasswordFromStdin_CreatesOnceThenConflicts()
    {
        using var data = await PreparedDataDirectory.CreateAsync("users");
        var password = TestSecrets.NewPassword();

        var first = await ServerProcess.RunAsync(["users", "add", "--username", "operator", "--role", "operator", "--password-stdin", "--data-dir", data.Path], standardInput: password + "\n");
        var second = await ServerProcess.RunAsync(["users", "add", "--username", "operator", "--password-stdin", "--data-dir", data.Path], standardInput: password + "\n");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("User 'operator' created", first.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("CONFLICT", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(password, first.StandardOutput + first.StandardError + second.StandardError, StringComparison.Ordinal);
    }

    [GeneratedRegex("New active signing key (\\S+)")]
    private static partial Regex NewKeyLine();
}
