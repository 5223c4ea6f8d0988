using System.ComponentModel;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>New recovery codes, shown once.</summary>
internal sealed record RecoveryCodesOutput(
    [property: JsonPropertyName("recovery_codes"), Description("Ten single-use recovery codes, shown once; the old ones no longer work.")] IReadOnlyList<string> RecoveryCodes)
{
    /// <summary>Describes the output without the codes.</summary>
    public override string ToString() => $"RecoveryCodesOutput {{ Count = {RecoveryCodes.Count} }}";
}
