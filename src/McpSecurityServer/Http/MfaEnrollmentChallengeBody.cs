using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>
/// The answer of a login whose account must enrol a second factor first:
/// <c>{"mfa_enrollment_required": true, "challenge_id", "expires_in", "methods", "enroll_endpoint"}</c>.
/// </summary>
internal sealed record MfaEnrollmentChallengeBody(
    [property: JsonPropertyName("mfa_enrollment_required")] bool MfaEnrollmentRequired,
    [property: JsonPropertyName("challenge_id")] string ChallengeId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("methods")] IReadOnlyList<string> Methods,
    [property: JsonPropertyName("enroll_endpoint")] string EnrollEndpoint)
{
    public static MfaEnrollmentChallengeBody From(MfaChallenge challenge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var seconds = (int)Math.Max(0, Math.Ceiling((challenge.ExpiresAt - now).TotalSeconds));
        return new MfaEnrollmentChallengeBody(true, challenge.ChallengeId, seconds, challenge.Methods, ServerEndpoints.MfaEnrollTotpPath);
    }
}
