using System.Text;
using System.Text.Json;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

/// <summary>The RFC 6238 Appendix B and RFC 4226 Appendix D vectors from <c>fixtures/otp.json</c> (copied from the shared vectors).</summary>
internal static class OtpVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "otp.json"))));

    /// <summary>Rows of (algorithm, secret, unix time, step, expected 8-digit code).</summary>
    public static IEnumerable<object[]> TotpRows()
    {
        var totp = Document.Value.RootElement.GetProperty("totp");
        var secrets = totp.GetProperty("secrets_ascii");
        foreach (var row in totp.GetProperty("rows").EnumerateArray())
        {
            foreach (var algorithm in new[] { "sha1", "sha256", "sha512" })
            {
                yield return
                [
                    algorithm,
                    secrets.GetProperty(algorithm).GetString()!,
                    row.GetProperty("unix_time").GetInt64(),
                    row.GetProperty("step").GetInt64(),
                    row.GetProperty(algorithm).GetString()!,
                ];
            }
        }
    }

    /// <summary>Gets the SHA1 secret in base32 as the fixture states it.</summary>
    public static string Sha1SecretBase32 => Document.Value.RootElement.GetProperty("totp").GetProperty("secret_sha1_base32").GetString()!;

    /// <summary>Rows of (secret, counter, expected 6-digit code).</summary>
    public static IEnumerable<object[]> HotpRows()
    {
        var hotp = Document.Value.RootElement.GetProperty("hotp");
        var secret = hotp.GetProperty("secret_ascii").GetString()!;
        var counter = 0L;
        foreach (var value in hotp.GetProperty("values_by_counter").EnumerateArray())
        {
            yield return [secret, counter++, value.GetString()!];
        }
    }

    public static byte[] Ascii(string secret) => Encoding.ASCII.GetBytes(secret);
}
