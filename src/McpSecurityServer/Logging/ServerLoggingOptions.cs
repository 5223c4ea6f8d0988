namespace McpSecurity.Server.Logging;

/// <summary>Options of the server's log (configuration section <c>Logging</c>).</summary>
internal sealed class ServerLoggingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Logging";

    /// <summary>The levels <see cref="MinimumLevel"/> accepts, lowest first (Serilog's names).</summary>
    public static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>
    /// Gets or sets the lowest level written to stderr and the log file. Defaults to <c>Information</c>, which includes one
    /// line per HTTP request; <c>Warning</c> drops those (a busy gateway's usual setting). Framework sources stay at Warning
    /// or above whatever this says.
    /// </summary>
    public string MinimumLevel { get; set; } = "Information";
}
