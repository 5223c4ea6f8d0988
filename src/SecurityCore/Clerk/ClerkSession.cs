namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The facts of a verified Clerk session token.</summary>
/// <param name="UserId">The Clerk user id (<c>sub</c>, <c>user_...</c>).</param>
/// <param name="SessionId">The Clerk session id (<c>sid</c>, <c>sess_...</c>).</param>
/// <param name="KeyId">The <c>kid</c> of the key that signed it.</param>
/// <param name="AuthorizedParty">The <c>azp</c> origin, when present.</param>
/// <param name="ExpiresAt">The <c>exp</c> instant.</param>
/// <param name="IssuedAt">The <c>iat</c> instant, when present.</param>
/// <param name="OrganizationId">The active organisation's id (<c>o.id</c> or <c>org_id</c>), when present.</param>
/// <param name="OrganizationRole">The role in the active organisation without the <c>org:</c> prefix (<c>o.rol</c> or <c>org_role</c>).</param>
/// <param name="SecondFactorAgeMinutes">Minutes since the second factor was verified (<c>fva[1]</c>); null when never or unknown.</param>
/// <param name="ActorId">The impersonator's user id (<c>act.sub</c>) when the session is an impersonation.</param>
/// <param name="Version">The session token version (<c>v</c>; 1 when absent).</param>
internal sealed record ClerkSession(
    string UserId,
    string SessionId,
    string KeyId,
    string? AuthorizedParty,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? IssuedAt,
    string? OrganizationId,
    string? OrganizationRole,
    int? SecondFactorAgeMinutes,
    string? ActorId,
    int Version);
