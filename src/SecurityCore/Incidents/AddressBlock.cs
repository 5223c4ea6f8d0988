namespace McpSecurity.SecurityCore.Incidents;

/// <summary>A temporary block of an address (or its /64 for IPv6), usually an incident's automated response.</summary>
/// <param name="Address">The blocked address or network (for example <c>203.0.113.7</c> or <c>2001:db8:1:2::/64</c>).</param>
/// <param name="BlockedAt">When the block started.</param>
/// <param name="ExpiresAt">When it lifts by itself.</param>
/// <param name="Reason">Why: an incident type or <c>manual</c>.</param>
/// <param name="IncidentId">The incident that asked for it, when there is one.</param>
public sealed record AddressBlock(string Address, DateTimeOffset BlockedAt, DateTimeOffset ExpiresAt, string Reason, string? IncidentId);
