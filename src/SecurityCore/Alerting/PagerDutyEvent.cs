using System.Text.Json.Serialization;

namespace McpSecurity.SecurityCore.Alerting;

/// <summary>One Events API v2 alert event as sent: trigger (with a payload), acknowledge or resolve (without).</summary>
internal sealed record PagerDutyEvent(
    [property: JsonPropertyName("routing_key")] string RoutingKey,
    [property: JsonPropertyName("event_action")] string EventAction,
    [property: JsonPropertyName("dedup_key")] string DedupKey,
    [property: JsonPropertyName("payload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PagerDutyPayload? Payload,
    [property: JsonPropertyName("client"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Client);
