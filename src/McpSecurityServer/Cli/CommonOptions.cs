using System.CommandLine;
using McpSecurity.Server.Hosting;

namespace McpSecurity.Server.Cli;

/// <summary>The options every verb accepts: <c>--data-dir</c> and <c>--urls</c>.</summary>
internal sealed class CommonOptions
{
    private readonly Option<string?> _dataDirectory = new("--data-dir")
    {
        Description = "The data directory (Storage:DataDirectory; default ./data, or MCPSEC__Storage__DataDirectory).",
        Recursive = true,
    };

    private readonly Option<string?> _urls = new("--urls")
    {
        Description = "The listen addresses, separated by ';' (default http://127.0.0.1:5080, or ASPNETCORE_URLS).",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(_dataDirectory);
        root.Add(_urls);
    }

    /// <summary>Reads the launch settings; throws <see cref="StartupFailureException"/> on a stray argument.</summary>
    public ServerLaunchSettings Read(ParseResult result, ServerMode mode)
    {
        ArgumentNullException.ThrowIfNull(result);
        var overrides = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains('=', StringComparison.Ordinal) || token.Length < 4 || token[2] == '=')
            {
                throw new StartupFailureException(
                    $"Unrecognized argument '{token}'. Configuration overrides take the form --Section:Key=value; see --help for the options.",
                    ExitCodes.InvalidConfiguration);
            }

            overrides.Add(token);
        }

        return new ServerLaunchSettings(mode, result.GetValue(_dataDirectory), result.GetValue(_urls), overrides);
    }
}
