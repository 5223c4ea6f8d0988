using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Hosting;

/// <summary>First run: runs <see cref="IBootstrapService"/> and shows a generated administrator password once, on stderr.</summary>
/// <remarks>The password goes to stderr directly, never through the logger, so that it reaches no log file.</remarks>
internal sealed partial class FirstRunInitializer(IBootstrapService bootstrap, ReadinessState readiness, ILogger<FirstRunInitializer> logger)
{
    public async Task<BootstrapResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = await bootstrap.EnsureInitializedAsync(cancellationToken);
        if (result.AdminCreated)
        {
            LogAdminCreated(logger, result.AdminUsername ?? "admin", result.GeneratedPassword is not null);
            if (result.GeneratedPassword is not null)
            {
                await Console.Error.WriteLineAsync(
                    $"Initial administrator '{result.AdminUsername}' created; password written to {result.PasswordFile}; " +
                    $"it must be changed at first login: {result.GeneratedPassword}");
                await Console.Error.FlushAsync(cancellationToken);
            }
        }

        readiness.MarkInitialized();
        return result;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Initial administrator {Username} created (generated password: {Generated}); see stderr and the initial-admin-password file")]
    private static partial void LogAdminCreated(ILogger logger, string username, bool generated);
}
