namespace McpSecurity.SecurityCore.Storage;

/// <summary>Collection names of the embedded store.</summary>
internal static class LiteDbCollections
{
    public const string Users = "users";
    public const string Clients = "clients";
    public const string SigningKeys = "signing_keys";
    public const string RefreshTokens = "refresh_tokens";
    public const string Revocations = "revocations";
    public const string SecurityEvents = "security_events";
    public const string TwoFactor = "two_factor";
    public const string Roles = "roles";
    public const string AuditKeys = "audit_keys";
    public const string AuditEntries = "audit_entries";
    public const string AuditLeaves = "audit_leaves";
    public const string AuditCheckpoints = "audit_checkpoints";
    public const string Sessions = "sessions";
    public const string HandoffReports = "handoff_reports";
    public const string Incidents = "incidents";
}
