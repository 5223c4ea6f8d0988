namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/auth/mfa/verify</c>.</summary>
internal sealed class MfaVerifyRequest
{
    public string? ChallengeId { get; set; }
    public string? Method { get; set; }
    public string? Code { get; set; }
}
