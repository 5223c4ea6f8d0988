namespace McpSecurity.Server.Http;

/// <summary>The body of the <c>/api/v1/auth/mfa/...</c> routes that act on a challenge (SMS code, enrolment, confirmation).</summary>
internal sealed class MfaEnrollmentRequest
{
    public string? ChallengeId { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Code { get; set; }
}
