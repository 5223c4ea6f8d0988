using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace McpSecurity.Server.Logging;

/// <summary>Builds the Serilog pipeline: every level to stderr (stdout belongs to JSON-RPC in stdio mode) and a rolling JSON file.</summary>
internal static class ServerLogging
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Creates the logger for a data directory; the file goes to <c>&lt;data-dir&gt;/logs/</c>.</summary>
    public static Serilog.Core.Logger Create(string dataDirectory)
    {
        var logDirectory = Path.Combine(dataDirectory, "logs");
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            // "Bearer was challenged/forbidden" on every refused request; the request log line already shows the status.
            .MinimumLevel.Override("McpSecurity.Server.Http.BearerTokenAuthenticationHandler", LogEventLevel.Warning)
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
}
