namespace McpSecurity.Server.Hosting;

/// <summary>What the command line decided: the mode and the values that override configuration.</summary>
/// <param name="Mode">How the process runs.</param>
/// <param name="DataDirectory">The <c>--data-dir</c> value, mapped to <c>Storage:DataDirectory</c>.</param>
/// <param name="Urls">The <c>--urls</c> value (semicolon separated), as ASP.NET Core's own option.</param>
/// <param name="ConfigurationArguments">Remaining <c>--Section:Key=value</c> arguments, the highest configuration layer.</param>
internal sealed record ServerLaunchSettings(
    ServerMode Mode,
    string? DataDirectory,
    string? Urls,
    IReadOnlyList<string> ConfigurationArguments);
