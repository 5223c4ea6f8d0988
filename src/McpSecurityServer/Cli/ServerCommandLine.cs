using System.CommandLine;
using McpSecurity.SecurityCore;
using McpSecurity.Server.Hosting;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Cli;

/// <summary>The command line: verbs <c>serve</c> (default), <c>stdio</c>, <c>init</c>, <c>keys</c>, <c>clients</c>, <c>users</c>, <c>roles</c>, <c>audit</c>.</summary>
/// <remarks>
/// Failures end with one message on stderr and a non-zero exit code, never a stack trace. Arguments of the form
/// <c>--Section:Key=value</c> after the verb override configuration (the highest layer).
/// </remarks>
internal static class ServerCommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create();
        var parseResult = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            // The host owns Ctrl+C / SIGTERM handling and exceptions are answered here, without stack traces.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation);
        }
        catch (StartupFailureException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync(Describe(ex));
            return ExitCodes.InvalidConfiguration;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, ex.InnerExceptions.Cast<OptionsValidationException>().Select(Describe)));
            return ExitCodes.InvalidConfiguration;
        }
        catch (SecurityException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Code}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (IOException ex) when (ex.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"The HTTP listener could not start: {ex.Message} Choose another address with --urls.");
            return ExitCodes.ListenerFailed;
        }
        catch (Exception ex) when (ex is not HostAbortedException and not OperationCanceledException)
        {
            // HostAbortedException is how WebApplicationFactory stops Main after capturing the host: let it pass.
            await Console.Error.WriteLineAsync($"The server stopped because of an unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>Creates the root command with every verb.</summary>
    public static RootCommand Create()
    {
        var options = new CommonOptions();
        var root = new RootCommand("MCP security server: a JWT service behind MCP tools (stdio, Streamable HTTP at /mcp), REST and OAuth endpoints.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        options.AddTo(root);
        root.SetAction((result, cancellationToken) => VerbActions.ServeAsync(options.Read(result, ServerMode.Serve), cancellationToken));

        root.Add(ServeCommand(options));
        root.Add(StdioCommand(options));
        root.Add(InitCommand(options));
        root.Add(KeysCommand(options));
        root.Add(ClientsCommand(options));
        root.Add(UsersCommand(options));
        root.Add(RolesCommand(options));
        root.Add(AuditCommand(options));
        return root;
    }

    private static Command ServeCommand(CommonOptions options)
    {
        var command = new Command("serve", "Run the HTTP listener: MCP Streamable HTTP at /mcp, REST under /api/v1, OAuth endpoints (default verb).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => VerbActions.ServeAsync(options.Read(result, ServerMode.Serve), cancellationToken));
        return command;
    }

    private static Command StdioCommand(CommonOptions options)
    {
        var noHttp = new Option<bool>("--no-http") { Description = "Do not start the HTTP listener; serve MCP over stdio only." };
        var command = new Command("stdio", "Serve MCP over stdin/stdout (what mcp.json launches) and the HTTP listener unless --no-http. " +
            "The session acts as the client in MCPSEC_CLIENT_ID / MCPSEC_CLIENT_SECRET.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Add(noHttp);
        command.SetAction((result, cancellationToken) => VerbActions.StdioAsync(
            options.Read(result, result.GetValue(noHttp) ? ServerMode.StdioWithoutHttp : ServerMode.Stdio), cancellationToken));
        return command;
    }

    private static Command InitCommand(CommonOptions options)
    {
        var command = new Command("init", "Create the data directory, master key, signing key and first administrator if missing, then exit (idempotent).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => VerbActions.InitAsync(options.Read(result, ServerMode.Admin), cancellationToken));
        return command;
    }

    private static Command KeysCommand(CommonOptions options)
    {
        var rotate = new Command("rotate", "Create a new active signing key; the old one verifies until its last token expires.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        rotate.SetAction((result, cancellationToken) => VerbActions.RotateKeyAsync(options.Read(result, ServerMode.Admin), cancellationToken));

        var list = new Command("list", "List the signing keys of the key ring (no key material).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        list.SetAction((result, cancellationToken) => VerbActions.ListKeysAsync(options.Read(result, ServerMode.Admin), cancellationToken));

        return new Command("keys", "Manage the signing key ring.") { rotate, list };
    }

    private static Command ClientsCommand(CommonOptions options)
    {
        var id = new Option<string?>("--id") { Description = "The client id (default: generated)." };
        var name = new Option<string?>("--name") { Description = "A display name." };
        var scope = new Option<string[]>("--scope") { Description = "A scope the client may request (repeatable).", AllowMultipleArgumentsPerToken = true };
        var role = new Option<string[]>("--role") { Description = "A role the client acts with (repeatable), for example admin.", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Register an agent or service; prints its client id and secret once (the secret is stored only hashed).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        add.Add(id);
        add.Add(name);
        add.Add(scope);
        add.Add(role);
        add.SetAction((result, cancellationToken) => VerbActions.AddClientAsync(
            options.Read(result, ServerMode.Admin),
            result.GetValue(id),
            result.GetValue(name),
            result.GetValue(scope) ?? [],
            result.GetValue(role) ?? [],
            cancellationToken));

        return new Command("clients", "Manage registered clients (agents and services).") { add };
    }

    private static Command UsersCommand(CommonOptions options)
    {
        var username = new Option<string>("--username") { Description = "The username.", Required = true };
        var role = new Option<string[]>("--role") { Description = "A role (repeatable), for example admin.", AllowMultipleArgumentsPerToken = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin instead of prompting." };
        var mustChange = new Option<bool>("--must-change-password") { Description = "Require a password change at first login." };
        var add = new Command("add", "Create a user (a person; agents and services are clients).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        add.Add(username);
        add.Add(role);
        add.Add(passwordStdin);
        add.Add(mustChange);
        add.SetAction((result, cancellationToken) => VerbActions.AddUserAsync(
            options.Read(result, ServerMode.Admin),
            result.GetRequiredValue(username),
            result.GetValue(role) ?? [],
            result.GetValue(passwordStdin),
            result.GetValue(mustChange),
            cancellationToken));

        var unlockUsername = new Option<string>("--username") { Description = "The username of the locked account.", Required = true };
        var unlock = new Command("unlock", "Lift a lockout after too many failed login attempts (and clear the failure counter).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        unlock.Add(unlockUsername);
        unlock.SetAction((result, cancellationToken) => VerbActions.UnlockUserAsync(
            options.Read(result, ServerMode.Admin), result.GetRequiredValue(unlockUsername), cancellationToken));

        var status = new Option<string?>("--status") { Description = "Only this status: active, locked, suspended or disabled." };
        var listRole = new Option<string?>("--role") { Description = "Only holders of this role." };
        var search = new Option<string?>("--search") { Description = "Only users whose username, e-mail or display name contains this text." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many users (default 1000).", DefaultValueFactory = _ => 1000 };
        var list = new Command("list", "List people's accounts (deleted ones are not listed), ordered by username.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        list.Add(status);
        list.Add(listRole);
        list.Add(search);
        list.Add(limit);
        list.SetAction((result, cancellationToken) => VerbActions.ListUsersAsync(
            options.Read(result, ServerMode.Admin), result.GetValue(status), result.GetValue(listRole), result.GetValue(search),
            Math.Max(1, result.GetValue(limit)), cancellationToken));

        var disableUsername = new Option<string>("--username") { Description = "The username of the account to disable.", Required = true };
        var disable = new Command("disable", "Disable an account: no more logins, and its sessions end at once.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        disable.Add(disableUsername);
        disable.SetAction((result, cancellationToken) => VerbActions.DisableUserAsync(
            options.Read(result, ServerMode.Admin), result.GetRequiredValue(disableUsername), cancellationToken));

        return new Command("users", "Manage user accounts.") { add, list, disable, unlock };
    }

    private static Command RolesCommand(CommonOptions options)
    {
        Command Change(string name, string description, bool revoke)
        {
            var role = new Option<string>("--role") { Description = "The role, for example developer (see roles list).", Required = true };
            var username = new Option<string?>("--username") { Description = "The user, by username." };
            var userId = new Option<string?>("--user-id") { Description = "The user, by id (usr_...)." };
            var client = new Option<string?>("--client") { Description = "The client (agent or service), by client id." };
            var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
            command.Add(role);
            command.Add(username);
            command.Add(userId);
            command.Add(client);
            command.SetAction((result, cancellationToken) => VerbActions.ChangeRoleAsync(
                options.Read(result, ServerMode.Admin),
                result.GetRequiredValue(role),
                result.GetValue(username),
                result.GetValue(userId),
                result.GetValue(client),
                revoke,
                cancellationToken));
            return command;
        }

        var list = new Command("list", "List the roles and the permissions each grants (built-in and custom).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        list.SetAction((result, cancellationToken) => VerbActions.ListRolesAsync(options.Read(result, ServerMode.Admin), cancellationToken));

        return new Command("roles", "Manage roles: assign and revoke them on users and clients, list them. Give one of --username, --user-id, --client.")
        {
            Change("assign", "Assign a role to a user or client; takes effect on its next request.", revoke: false),
            Change("revoke", "Revoke a role from a user or client; the last active administrator keeps admin.", revoke: true),
            list,
        };
    }

    private static Command AuditCommand(CommonOptions options)
    {
        var anchor = new Option<string?>("--anchor") { Description = "An exported anchor file (JSON Lines of checkpoints) to verify against (default: Audit:AnchorFilePath)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verify = new Command("verify", "Recompute the audit trail's hash chain and Merkle tree and check every checkpoint signature; exit code 5 when anything is wrong.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.Add(anchor);
        verify.Add(json);
        verify.SetAction((result, cancellationToken) => VerbActions.VerifyAuditAsync(
            options.Read(result, ServerMode.Admin), result.GetValue(anchor), result.GetValue(json), cancellationToken));
        return AuditQueryCommands.AddTo(new Command("audit", "Work with the tamper-evident audit trail.") { verify }, options);
    }

    private static string Describe(OptionsValidationException exception) =>
        string.Join(Environment.NewLine, exception.Failures.Select(f => $"Invalid configuration: {f}"));
}
