namespace McpSecurity.SecurityCore.Incidents;

/// <summary>An automated response that ran for an incident.</summary>
/// <param name="Kind">What was done (see <see cref="IncidentResponseKinds"/>).</param>
/// <param name="Target">What it was done to: an address, a subject id or a token family id.</param>
/// <param name="AppliedAt">When it ran.</param>
/// <param name="ExpiresAt">When it lifts by itself, or null when it does not (revocations).</param>
/// <param name="Outcome"><c>applied</c>, <c>skipped</c> (for example an allow-listed address) or <c>failed</c>.</param>
public sealed record IncidentResponse(string Kind, string Target, DateTimeOffset AppliedAt, DateTimeOffset? ExpiresAt, string Outcome);
