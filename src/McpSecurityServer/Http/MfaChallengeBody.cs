using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>The second-factor answer of a login: <c>{"mfa_required": true, "challenge_id", "expires_in", "methods"}</c>.</summary>
internal sealed record MfaChallengeBody(
    [property: JsonPropertyName("mfa_required")] bool MfaRequired,
    [property: JsonPropertyName("challenge_id")] string ChallengeId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("methods")] IReadOnlyList<string> Methods)
{
    public static MfaChallengeBody From(MfaChallenge challenge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var seconds = (int)Math.Max(0, Math.Ceiling((challenge.ExpiresAt - now).TotalSeconds));
        return new MfaChallengeBody(true, challenge.ChallengeId, seconds, challenge.Methods);
    }
}
