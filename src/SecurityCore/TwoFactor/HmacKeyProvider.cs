using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using OtpNet;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// Feeds Otp.NET the secret through the one-shot <c>HMAC*.HashData</c> functions instead of a new keyed HMAC object per
/// code, which keeps a three-step verification in the low microseconds.
/// </summary>
/// <remarks>Holds the caller's array (no copy), so the caller zeroes it once done.</remarks>
internal sealed class HmacKeyProvider(byte[] key) : IKeyProvider
{
    /// <inheritdoc />
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 4226 and RFC 6238 define HOTP/TOTP over HMAC-SHA1, which every authenticator app uses; HMAC-SHA1 has no known practical attack.")]
    public byte[] ComputeHmac(OtpHashMode mode, byte[] data) => mode switch
    {
        OtpHashMode.Sha256 => HMACSHA256.HashData(key, data),
        OtpHashMode.Sha512 => HMACSHA512.HashData(key, data),
        _ => HMACSHA1.HashData(key, data),
    };
}
