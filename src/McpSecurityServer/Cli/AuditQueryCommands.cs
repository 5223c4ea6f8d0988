using System.CommandLine;
using McpSecurity.Server.Hosting;

namespace McpSecurity.Server.Cli;

/// <summary>The <c>audit export</c>, <c>audit verify-export</c> and <c>audit retention</c> verbs.</summary>
internal static class AuditQueryCommands
{
    /// <summary>Adds the verbs to the <c>audit</c> command.</summary>
    public static Command AddTo(Command audit, CommonOptions options)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var output = new Option<string>("--out") { Description = "The file to write (JSON Lines: entries, then the proof bundle line).", Required = true };
        var from = new Option<string?>("--from") { Description = "Earliest timestamp, inclusive (ISO 8601); default the oldest retained entry." };
        var to = new Option<string?>("--to") { Description = "Latest timestamp, exclusive (ISO 8601); default now." };
        var export = new Command("export", "Export the audit trail (or a time range) as JSON Lines with a proof bundle: signed checkpoint, audit public keys, inclusion proofs.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        export.Add(output);
        export.Add(from);
        export.Add(to);
        export.SetAction((result, cancellationToken) => AuditQueryVerbActions.ExportAsync(
            options.Read(result, ServerMode.Admin), result.GetValue(output)!, result.GetValue(from), result.GetValue(to), cancellationToken));

        var input = new Option<string>("--in") { Description = "The exported file.", Required = true };
        var keys = new Option<string?>("--keys") { Description = "A JWK Set file with the audit public keys to trust (default: the keys inside the bundle; then compare their kid with a trusted copy)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verifyExport = new Command("verify-export", "Check an exported file offline (no data directory needed): every line's hash, the chain, both inclusion proofs and the checkpoint signature; exit code 5 when anything is wrong.");
        verifyExport.Add(input);
        verifyExport.Add(keys);
        verifyExport.Add(json);
        verifyExport.SetAction((result, cancellationToken) => AuditQueryVerbActions.VerifyExportAsync(result.GetValue(input)!, result.GetValue(keys), result.GetValue(json), cancellationToken));

        var retention = new Command("retention", "Remove entries older than AuditRetention:Period (default six years) now, behind a signed cut record; audit verify still passes.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        retention.SetAction((result, cancellationToken) => AuditQueryVerbActions.RetentionAsync(options.Read(result, ServerMode.Admin), cancellationToken));

        audit.Add(export);
        audit.Add(verifyExport);
        audit.Add(retention);
        return audit;
    }
}
