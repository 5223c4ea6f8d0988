using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace McpSecurity.Server.Logging;

/// <summary>Builds the Serilog pipeline: every level to stderr (stdout belongs to JSON-RPC in stdio mode) and a rolling JSON file.</summary>
internal static class ServerLogging
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Creates the logger for a data directory; the file goes to <c>&lt;data-dir&gt;/logs/</c>.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="minimumLevel">The lowest level written (<see cref="ServerLoggingOptions.MinimumLevel"/>); a bad value is refused by the validator at start.</param>
    public static Serilog.Core.Logger Create(string dataDirectory, LogEventLevel minimumLevel = LogEventLevel.Information)
    {
        var logDirectory = Path.Combine(dataDirectory, "logs");
        var framework = Max(minimumLevel, LogEventLevel.Warning);
        return new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel)
            .MinimumLevel.Override("Microsoft", framework)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Max(minimumLevel, LogEventLevel.Information))
            .MinimumLevel.Override("System", framework)
            // "Bearer was challenged/forbidden" on every refused request; the request log line already shows the status.
            .MinimumLevel.Override("McpSecurity.Server.Http.BearerTokenAuthenticationHandler", framework)
            // A taken port is answered by the command line with one message; the host's copy with a stack trace is noise.
            .Filter.ByExcluding(e => e.Exception is IOException io && io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase)
                && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Microsoft.Extensions.Hosting", StringComparison.Ordinal))
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(logDirectory, "mcpsec-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 64L * 1024 * 1024,
                rollOnFileSizeLimit: true)
            .CreateLogger();
    }

    /// <summary>Parses a level name of <see cref="ServerLoggingOptions.Levels"/> (case-insensitive).</summary>
    public static bool TryParseLevel(string? name, out LogEventLevel level)
    {
        var index = Array.FindIndex(ServerLoggingOptions.Levels, l => string.Equals(l, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        level = index < 0 ? LogEventLevel.Information : (LogEventLevel)index;
        return index >= 0;
    }

    private static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;
}
