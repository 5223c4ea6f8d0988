using System.Reflection;

namespace McpSecurity.Server.Hosting;

/// <summary>The informational version of this build.</summary>
internal static class ServerVersion
{
    /// <summary>Gets the version, without source revision metadata.</summary>
    public static string Value { get; } =
        (typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
