namespace McpSecurity.Handoff;

/// <summary>The check of one stored sign-off's server signature.</summary>
/// <param name="SignOffId">The sign-off.</param>
/// <param name="Location">Where it is stored: <c>sign_offs_received</c> or <c>phase7_components/&lt;type&gt;</c>.</param>
/// <param name="Valid">Whether the signature verifies over the record's canonical JSON as stored now.</param>
/// <param name="Problem">Why not: <c>missing_signature</c>, <c>malformed_signature</c> or <c>signature_mismatch</c> (the record was changed).</param>
public sealed record SignOffVerification(string SignOffId, string Location, bool Valid, string? Problem);
