namespace McpSecurity.Server.Hosting;

/// <summary>A start-up refusal with a one-line, operator-facing message and the exit code to end with.</summary>
/// <remarks>Printed to stderr without a stack trace by the command line.</remarks>
internal sealed class StartupFailureException : Exception
{
    public StartupFailureException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public StartupFailureException()
        : this("The server could not start.", ExitCodes.Failed)
    {
    }

    public StartupFailureException(string message)
        : this(message, ExitCodes.Failed)
    {
    }

    public StartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failed;
    }

    /// <summary>Gets the process exit code.</summary>
    public int ExitCode { get; }
}
