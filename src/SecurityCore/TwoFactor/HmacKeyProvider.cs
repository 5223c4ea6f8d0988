using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using OtpNet;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// Feeds Otp.NET the secret through one keyed <see cref="IncrementalHash"/> that is reset, not re-keyed, between the
/// time steps of a verification, instead of Otp.NET's new HMAC object (and key copy) per step.
/// </summary>
/// <remarks>
/// Used by one verification at a time, then disposed. Holds the caller's array (no copy), so the caller zeroes it once done.
/// </remarks>
internal sealed class HmacKeyProvider(byte[] key) : IKeyProvider, IDisposable
{
    private IncrementalHash? _hmac;
    private OtpHashMode _mode;

    /// <inheritdoc />
    public byte[] ComputeHmac(OtpHashMode mode, byte[] data)
    {
        if (_hmac is null || _mode != mode)
        {
            _hmac?.Dispose();
            _hmac = IncrementalHash.CreateHMAC(Algorithm(mode), key);
            _mode = mode;
        }

        _hmac.AppendData(data);
        return _hmac.GetHashAndReset();
    }

    /// <summary>Releases the keyed hash.</summary>
    public void Dispose() => _hmac?.Dispose();

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 4226 and RFC 6238 define HOTP/TOTP over HMAC-SHA1, which every authenticator app uses; HMAC-SHA1 has no known practical attack.")]
    private static HashAlgorithmName Algorithm(OtpHashMode mode) => mode switch
    {
        OtpHashMode.Sha256 => HashAlgorithmName.SHA256,
        OtpHashMode.Sha512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA1,
    };
}
