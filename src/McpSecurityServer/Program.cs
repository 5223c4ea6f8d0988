using McpSecurity.Server.Cli;

namespace McpSecurity.Server;

/// <summary>The entry point of the MCP security server.</summary>
/// <remarks>Public only so that tests can name it in <c>WebApplicationFactory&lt;Program&gt;</c>.</remarks>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Parses the command line and runs the chosen verb (<c>serve</c> when none is given).</summary>
    public static Task<int> Main(string[] args)
    {
        Hosting.ThreadPoolFloor.Apply();
        return ServerCommandLine.RunAsync(args);
    }
}
