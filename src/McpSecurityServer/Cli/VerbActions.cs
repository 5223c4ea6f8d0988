using System.Globalization;
using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Hosting;

namespace McpSecurity.Server.Cli;

/// <summary>What each verb does: build the application for its mode, then run it or call one service.</summary>
/// <remarks>Results go to stdout; prompts, warnings and the one-time administrator password go to stderr.</remarks>
internal static class VerbActions
{
    public static async Task<int> ServeAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = ServerApplication.Build(settings);
        // Initialise before the host starts, so that a refusal (say, a Bootstrap:AdminPassword that fails the policy)
        // ends with one message instead of the host's start-up failure log.
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        await app.RunAsync();
        return ExitCodes.Success;
    }

    public static Task<int> StdioAsync(ServerLaunchSettings settings, CancellationToken cancellationToken) =>
        ServeAsync(settings, cancellationToken);

    public static async Task<int> InitAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        var result = await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var directory = app.Services.GetRequiredService<DataDirectoryLock>().DirectoryPath;
        await Console.Out.WriteLineAsync(result.AdminCreated
            ? $"Initialised {directory}: administrator '{result.AdminUsername}' created."
            : $"{directory} is initialised; nothing to do.");
        return ExitCodes.Success;
    }

    public static async Task<int> RotateKeyAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var key = app.Services.GetRequiredService<ISigningKeyService>().Rotate();
        await Console.Out.WriteLineAsync($"New active signing key {key.KeyId} ({key.Algorithm}); the previous key verifies until its last token expires.");
        return ExitCodes.Success;
    }

    public static async Task<int> ListKeysAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"{"KEY ID",-40} {"ALG",-6} {"STATUS",-8} {"CREATED",-26} VERIFIES UNTIL");
        foreach (var key in app.Services.GetRequiredService<ISigningKeyService>().List())
        {
            output.AppendLine(CultureInfo.InvariantCulture,
                $"{key.KeyId,-40} {key.Algorithm,-6} {key.Status,-8} {key.CreatedAt.UtcDateTime:O} {(key.VerifyUntil is { } until ? until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : "-")}");
        }

        await Console.Out.WriteAsync(output.ToString());
        return ExitCodes.Success;
    }

    public static async Task<int> AddClientAsync(
        ServerLaunchSettings settings, string? clientId, string? name, string[] scopes, string[] roles, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var registration = await app.Services.GetRequiredService<IClientService>()
            .RegisterAsync(clientId, name, scopes, roles, cancellationToken);
        await Console.Out.WriteLineAsync(
            $"client_id: {registration.Client.ClientId}{Environment.NewLine}" +
            $"client_secret: {registration.ClientSecret}{Environment.NewLine}" +
            "The secret is shown only now and stored only hashed; keep it safe.");
        return ExitCodes.Success;
    }

    public static async Task<int> AddUserAsync(
        ServerLaunchSettings settings, string username, string[] roles, bool passwordFromStdin, bool mustChangePassword, CancellationToken cancellationToken)
    {
        var password = passwordFromStdin ? await ReadPasswordLineAsync() : PromptPassword();
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var user = await app.Services.GetRequiredService<IUserService>()
            .CreateAsync(username, password, roles, mustChangePassword, cancellationToken: cancellationToken);
        await Console.Out.WriteLineAsync($"User '{user.Username}' created (id {user.Id}, roles: {(user.Roles.Count == 0 ? "none" : string.Join(", ", user.Roles))}).");
        return ExitCodes.Success;
    }

    public static async Task<int> UnlockUserAsync(ServerLaunchSettings settings, string username, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var user = FindUser(app, username);
        var wasLocked = await app.Services.GetRequiredService<IAccountLockout>().UnlockAsync(user.Id, ActingPrincipal.LocalOperator, cancellationToken);
        await Console.Out.WriteLineAsync(wasLocked
            ? $"User '{user.Username}' unlocked."
            : $"User '{user.Username}' was not locked; its failed-attempt counter is cleared.");
        return ExitCodes.Success;
    }

    public static async Task<int> ListUsersAsync(ServerLaunchSettings settings, string? status, string? role, string? search, int limit, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var accounts = app.Services.GetRequiredService<IAccountService>();
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"{"USERNAME",-32} {"ID",-36} {"STATUS",-10} {"ROLES",-30} EMAIL");
        string? cursor = null;
        var shown = 0;
        int total;
        do
        {
            // Pages of at most 200; --limit caps what is shown.
            var page = accounts.List(new UserListQuery { Limit = Math.Min(UserListQuery.MaxLimit, limit - shown), Cursor = cursor, Status = status, Role = role, Search = search });
            foreach (var user in page.Users)
            {
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"{user.Username,-32} {user.Id,-36} {user.Status,-10} {(user.Roles.Count == 0 ? "-" : string.Join(',', user.Roles)),-30} {user.Email ?? "-"}");
            }

            shown += page.Users.Count;
            total = page.Total;
            cursor = page.NextCursor;
        }
        while (cursor is not null && shown < limit);

        output.AppendLine(CultureInfo.InvariantCulture, $"{shown} of {total} users shown.");
        await Console.Out.WriteAsync(output.ToString());
        return ExitCodes.Success;
    }

    public static async Task<int> DisableUserAsync(ServerLaunchSettings settings, string username, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var user = FindUser(app, username);
        var sessions = app.Services.GetRequiredService<ISessionService>().List(user.Id).Count;
        var disabled = await app.Services.GetRequiredService<IAccountService>().DisableAsync(ActingPrincipal.LocalOperator, user.Id, cancellationToken);
        await Console.Out.WriteLineAsync($"User '{disabled.Username}' disabled; {sessions} active session(s) ended.");
        return ExitCodes.Success;
    }

    public static async Task<int> ChangeRoleAsync(
        ServerLaunchSettings settings, string role, string? username, string? userId, string? clientId, bool revoke, CancellationToken cancellationToken)
    {
        if ((username is null ? 0 : 1) + (userId is null ? 0 : 1) + (clientId is null ? 0 : 1) != 1)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give exactly one of --username, --user-id and --client.");
        }

        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var holder = clientId is not null ? RoleHolder.Client(clientId)
            : userId is not null ? RoleHolder.User(userId)
            : RoleHolder.User(FindUser(app, username!).Id);
        var roles = app.Services.GetRequiredService<IRoleService>();
        // The command line acts as the local operator: whoever can open the data directory controls it anyway.
        var result = revoke
            ? await roles.RevokeAsync(ActingPrincipal.LocalOperator, holder, role, cancellationToken)
            : await roles.AssignAsync(ActingPrincipal.LocalOperator, holder, role, cancellationToken);
        var who = $"{holder.KindName} '{username ?? holder.Id}'";
        var now = result.Roles.Count == 0 ? "none" : string.Join(", ", result.Roles);
        await Console.Out.WriteLineAsync(result.Changed
            ? $"Role '{role}' {(revoke ? "revoked from" : "assigned to")} {who} (roles now: {now})."
            : $"Nothing to do: {who} {(revoke ? "does not have" : "already has")} role '{role}' (roles: {now}).");
        return ExitCodes.Success;
    }

    public static async Task<int> ListRolesAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"{"ROLE",-20} {"KIND",-8} PERMISSIONS");
        foreach (var role in app.Services.GetRequiredService<IRoleService>().List())
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"{role.Name,-20} {(role.IsBuiltIn ? "built-in" : "custom"),-8} {string.Join(' ', role.Permissions)}");
        }

        await Console.Out.WriteAsync(output.ToString());
        return ExitCodes.Success;
    }

    public static async Task<int> VerifyAuditAsync(ServerLaunchSettings settings, string? anchorPath, bool json, CancellationToken cancellationToken)
    {
        await using var app = BuildAdmin(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var result = await app.Services.GetRequiredService<IAuditVerifier>()
            .VerifyAsync(new AuditVerificationRequest { AnchorFilePath = anchorPath }, cancellationToken);
        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(Mcp.AuditVerificationOutput.From(result), Http.WireJson.Options));
        }
        else if (result.Ok)
        {
            await Console.Out.WriteLineAsync(
                $"Audit trail OK: {result.EntriesChecked} entries, {result.CheckpointsChecked} signed checkpoints, {result.AnchorsChecked} exported anchors; " +
                $"root {result.RootHash}; {result.UnsignedEntries} entries after the newest checkpoint.");
        }
        else
        {
            await Console.Out.WriteLineAsync(
                $"Audit trail FAILED: {result.Code} at sequence {(result.FirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "-")}: {result.Message} " +
                $"({result.EntriesChecked} entries were good before it).");
        }

        return result.Ok ? ExitCodes.Success : ExitCodes.AuditVerificationFailed;
    }

    private static UserAccount FindUser(WebApplication app, string username) =>
        app.Services.GetRequiredService<IUserService>().FindByUsername(username)
        ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"No user with username '{username}'.");

    private static WebApplication BuildAdmin(ServerLaunchSettings settings) => ServerApplication.Build(settings);

    private static async Task<string> ReadPasswordLineAsync()
    {
        var line = await Console.In.ReadLineAsync();
        return string.IsNullOrEmpty(line)
            ? throw new SecurityException(SecurityErrorCodes.ValidationFailed, "No password on stdin.")
            : line;
    }

    private static string PromptPassword()
    {
        if (Console.IsInputRedirected)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "stdin is not a terminal: pass the password with --password-stdin.");
        }

        var first = ReadHidden("Password: ");
        var second = ReadHidden("Repeat password: ");
        return string.Equals(first, second, StringComparison.Ordinal)
            ? first
            : throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The passwords do not match.");
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var buffer = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return buffer.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (buffer.Length > 0)
                {
                    buffer.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                buffer.Append(key.KeyChar);
            }
        }
    }
}
