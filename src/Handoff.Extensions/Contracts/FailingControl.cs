using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>One control a compliance run found failing.</summary>
public sealed class FailingControl
{
    /// <summary>Gets or sets the control id.</summary>
    public required string ControlId { get; set; }

    /// <summary>Gets or sets the control's title.</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets the severity (for example <c>critical</c>).</summary>
    public string? Severity { get; set; }

    /// <summary>Gets or sets what was found.</summary>
    public string? Finding { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
