using System.Globalization;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Hosting;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Cli;

/// <summary>What the audit export, verify-export and retention verbs do.</summary>
internal static class AuditQueryVerbActions
{
    public static async Task<int> ExportAsync(ServerLaunchSettings settings, string path, string? from, string? to, CancellationToken cancellationToken)
    {
        var request = new AuditExportRequest { From = AuditInput.Instant(from, "--from"), To = AuditInput.Instant(to, "--to") };
        await using var app = ServerApplication.Build(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var full = Path.GetFullPath(path);
        var temporary = full + ".partial";
        AuditExportSummary summary;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                summary = await app.Services.GetRequiredService<IAuditExportService>().ExportAsync(file, request, ActingPrincipal.LocalOperator, cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        await Console.Out.WriteLineAsync(
            $"Exported {summary.Count} entries ({summary.FirstSequence} to {summary.LastSequence}) to {full}, proven against the checkpoint of tree size " +
            $"{summary.Checkpoint.TreeSize} signed with {summary.Checkpoint.Signature.KeyId}. Check it with: audit verify-export --in {full}");
        return ExitCodes.Success;
    }

    public static async Task<int> VerifyExportAsync(string path, string? keysPath, bool json, CancellationToken cancellationToken)
    {
        List<AuditPublicKey>? keys = null;
        if (keysPath is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(await File.ReadAllTextAsync(keysPath, cancellationToken));
                keys = [.. document.RootElement.GetProperty("keys").EnumerateArray().Select(AuditProofChecker.FromJwk)];
            }
            catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"'{keysPath}' is not a JWK Set ({{\"keys\": [...]}}) of EC P-256 keys.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"'{keysPath}' cannot be read ({ex.GetType().Name}).");
            }
        }

        AuditExportVerification result;
        try
        {
            await using var file = File.OpenRead(path);
            result = AuditExportFormat.Verify(file, keys);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"'{path}' cannot be read ({ex.GetType().Name}).");
        }

        if (json)
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, Http.WireJson.Options));
        }
        else if (result.Ok)
        {
            await Console.Out.WriteLineAsync($"Export OK: {result.Entries} entries proven against tree size {result.TreeSize}, root {result.RootHash}, signed with {result.KeyId}.");
        }
        else
        {
            await Console.Out.WriteLineAsync($"Export FAILED: {result.Code} at line {result.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {result.Message}");
        }

        return result.Ok ? ExitCodes.Success : ExitCodes.AuditVerificationFailed;
    }

    public static async Task<int> RetentionAsync(ServerLaunchSettings settings, CancellationToken cancellationToken)
    {
        await using var app = ServerApplication.Build(settings);
        await app.Services.GetRequiredService<FirstRunInitializer>().RunAsync(cancellationToken);
        var result = await app.Services.GetRequiredService<IAuditRetentionService>().CutAsync(ActingPrincipal.LocalOperator, cancellationToken);
        await Console.Out.WriteLineAsync(result.Removed == 0
            ? $"Nothing to remove: no entry is older than {result.Cutoff.UtcDateTime:O}; the trail starts at {result.FirstRetainedSequence}."
            : $"Removed {result.Removed} entries older than {result.Cutoff.UtcDateTime:O}; the trail now starts at {result.FirstRetainedSequence} behind a signed cut.");
        return ExitCodes.Success;
    }
}
