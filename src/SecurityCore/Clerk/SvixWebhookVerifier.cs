using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// Verifies webhooks signed the way Svix (Clerk's webhook sender) signs them: HMAC-SHA256 with the base64-decoded part of
/// the <c>whsec_</c> secret over <c>{svix-id}.{svix-timestamp}.{raw body}</c>; the <c>svix-signature</c> header holds one or
/// more space-separated <c>v1,&lt;base64&gt;</c> values and any one matching suffices (that is how secret rotation works);
/// the timestamp must lie within five minutes either way.
/// </summary>
internal sealed class SvixWebhookVerifier(IOptions<ClerkOptions> options, TimeProvider time)
{
    /// <summary>How far the <c>svix-timestamp</c> may lie from now, either way (Svix's own tolerance).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The prefix of a Svix signing secret.</summary>
    public const string SecretPrefix = "whsec_";

    // Bounds the work one request can cause; Svix sends one signature per active secret (two during a rotation).
    private const int MaxSignatures = 16;
    private const int MaxIdLength = 256;
    private const string SignatureVersion = "v1,";

    private readonly byte[]? _key = TryDecodeSecret(options?.Value.WebhookSigningSecret, out var key) ? key : null;

    /// <summary>Checks headers and body; the body must be the exact bytes received.</summary>
    public SvixVerification Verify(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var missing = new List<string>(3);
        if (string.IsNullOrWhiteSpace(id))
        {
            missing.Add("svix-id");
        }

        if (string.IsNullOrWhiteSpace(timestamp))
        {
            missing.Add("svix-timestamp");
        }

        if (string.IsNullOrWhiteSpace(signature))
        {
            missing.Add("svix-signature");
        }

        if (missing.Count > 0)
        {
            return Refuse(SecurityErrorCodes.ClerkWebhookMissingHeaders, $"The webhook lacks the header(s) {string.Join(", ", missing)}.");
        }

        if (id!.Length > MaxIdLength || id.Any(char.IsControl) || id.Contains('.', StringComparison.Ordinal))
        {
            return Refuse(SecurityErrorCodes.ClerkWebhookMissingHeaders, $"The svix-id header must be at most {MaxIdLength} printable characters without '.'.");
        }

        if (timestamp!.Length > 19 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Refuse(SecurityErrorCodes.ClerkWebhookMissingHeaders, "The svix-timestamp header must be whole seconds since the Unix epoch.");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var tolerance = (long)Tolerance.TotalSeconds;
        if (seconds < now - tolerance)
        {
            return Refuse(SecurityErrorCodes.ClerkWebhookStaleTimestamp, "The webhook's svix-timestamp is more than five minutes old; it may be a replay.");
        }

        if (seconds > now + tolerance)
        {
            return Refuse(SecurityErrorCodes.ClerkWebhookStaleTimestamp, "The webhook's svix-timestamp is more than five minutes in the future.");
        }

        if (_key is null)
        {
            return Refuse(SecurityErrorCodes.ClerkDisabled, "Clerk webhooks are not configured on this server (Clerk:WebhookSigningSecret).");
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        using (var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key))
        {
            hmac.AppendData(Encoding.UTF8.GetBytes(id + "." + timestamp + "."));
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
        }

        Span<byte> candidate = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        var considered = 0;
        foreach (var entry in signature!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (++considered > MaxSignatures)
            {
                break;
            }

            // Other versions (for example v1a, asymmetric) are not ours to check; skip them.
            if (!entry.StartsWith(SignatureVersion, StringComparison.Ordinal))
            {
                continue;
            }

            if (Convert.TryFromBase64Chars(entry.AsSpan(SignatureVersion.Length), candidate, out var written)
                && written == candidate.Length)
            {
                // Keep comparing after a match: the time taken must not depend on which entry matched.
                matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        return matched
            ? SvixVerification.Accepted
            : Refuse(SecurityErrorCodes.ClerkWebhookBadSignature, "No signature in the svix-signature header matches the webhook body.");
    }

    /// <summary>Decodes a <c>whsec_&lt;base64&gt;</c> secret into its 16 to 128 key bytes.</summary>
    public static bool TryDecodeSecret(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(SecretPrefix.Length);
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written is < 16 or > 128)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return false;
        }

        key = buffer[..written];
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }

    private static SvixVerification Refuse(string code, string message) => new(code, message);
}
