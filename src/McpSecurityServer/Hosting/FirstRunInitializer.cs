using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Hosting;

/// <summary>First run: runs <see cref="IBootstrapService"/> and shows a generated administrator password once, on stderr.</summary>
/// <remarks>The password goes to stderr directly, never through the logger, so that it reaches no log file.</remarks>
internal sealed class FirstRunInitializer(IBootstrapService bootstrap, ReadinessState readiness)
{
    /// <summary>Gets whether initialisation already ran in this process.</summary>
    public bool Completed => readiness.Initialized;

    public async Task<BootstrapResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = await bootstrap.EnsureInitializedAsync(cancellationToken);
        // SecurityCore logs the creation (without the password); the password itself is shown here once.
        if (result is { AdminCreated: true, GeneratedPassword: { } password })
        {
            await Console.Error.WriteLineAsync(
                $"Initial administrator '{result.AdminUsername}' created; password written to {result.PasswordFile}; " +
                $"it must be changed at first login: {password}");
            await Console.Error.FlushAsync(cancellationToken);
        }

        readiness.MarkInitialized();
        return result;
    }
}
