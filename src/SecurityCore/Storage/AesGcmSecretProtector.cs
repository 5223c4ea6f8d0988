using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// AES-256-GCM with a fresh random 96-bit nonce per call, the purpose bound as associated data.
/// Format v1: <c>version(1) | key id(4) | nonce(12) | ciphertext | tag(16)</c>.
/// </summary>
/// <remarks>
/// The AES key is derived from the master key with HKDF-SHA256 (info names this use), so the master key can serve other
/// uses later without two of them sharing one key. The key id is a 32-bit fingerprint of the master key, derived the
/// same way; it tells "another master key" apart from "tampered" when data cannot be decrypted. Random nonces keep the
/// collision risk negligible far beyond the number of secrets a server stores (NIST SP 800-38D allows 2^32 messages).
/// </remarks>
internal sealed class AesGcmSecretProtector : ISecretProtector, IDisposable
{
    internal const byte FormatVersion = 1;
    private const int KeyIdSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + NonceSize;

    private readonly AesGcm _aes;
    private readonly byte[] _keyId;

    // AesGcm instances are not safe for concurrent use; secrets are protected rarely (key load, rotation), so a lock is cheap.
    private readonly Lock _gate = new();

    /// <summary>Creates a protector keyed by <paramref name="masterKey"/>.</summary>
    public AesGcmSecretProtector(MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        Span<byte> aesKey = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Key, aesKey, salt: [], info: "mcpsec/secret-protector/aes-256-gcm/v1"u8);
            _aes = new AesGcm(aesKey, TagSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }

        _keyId = new byte[KeyIdSize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Key, _keyId, salt: [], info: "mcpsec/master-key-id/v1"u8);
    }

    /// <inheritdoc />
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var output = new byte[HeaderSize + plaintext.Length + TagSize];
        output[0] = FormatVersion;
        _keyId.CopyTo(output.AsSpan(1, KeyIdSize));
        var nonce = output.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var associated = AssociatedData(output.AsSpan(0, 1 + KeyIdSize), purpose);
        lock (_gate)
        {
            _aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize, plaintext.Length), output.AsSpan(HeaderSize + plaintext.Length, TagSize), associated);
        }

        return output;
    }

    /// <inheritdoc />
    /// <exception cref="CryptographicException">The data is malformed, from another master key, tampered with, or of another purpose.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        if (protectedData.Length < HeaderSize + TagSize)
        {
            throw new CryptographicException("The protected data is too short to be valid.");
        }

        if (protectedData[0] != FormatVersion)
        {
            throw new CryptographicException($"The protected data has an unknown format version {protectedData[0]}.");
        }

        if (!CryptographicOperations.FixedTimeEquals(protectedData.Slice(1, KeyIdSize), _keyId))
        {
            throw new CryptographicException(
                $"The protected data was encrypted with another master key (key id {BinaryPrimitives.ReadUInt32BigEndian(protectedData.Slice(1, KeyIdSize)):x8}); "
                + "check Storage:MasterKey or <data-dir>/master.key.");
        }

        var cipherLength = protectedData.Length - HeaderSize - TagSize;
        var plaintext = new byte[cipherLength];
        var associated = AssociatedData(protectedData[..(1 + KeyIdSize)], purpose);
        try
        {
            lock (_gate)
            {
                _aes.Decrypt(protectedData.Slice(1 + KeyIdSize, NonceSize), protectedData.Slice(HeaderSize, cipherLength), protectedData[^TagSize..], plaintext, associated);
            }
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new CryptographicException("The protected data failed authentication: it was tampered with or protected for another purpose.", ex);
        }

        return plaintext;
    }

    /// <summary>Releases the AES key schedule.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _aes.Dispose();
        }
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose)
    {
        // Header (version and key id) and purpose are authenticated; the purpose is length-prefixed so no two differ only in framing.
        var purposeBytes = Encoding.UTF8.GetBytes(purpose);
        var associated = new byte[header.Length + 4 + purposeBytes.Length];
        header.CopyTo(associated);
        BinaryPrimitives.WriteInt32BigEndian(associated.AsSpan(header.Length, 4), purposeBytes.Length);
        purposeBytes.CopyTo(associated.AsSpan(header.Length + 4));
        return associated;
    }
}
