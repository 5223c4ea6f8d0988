using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>AES-GCM with a random key and the purpose as associated data: tampering or a wrong purpose throws.</summary>
public sealed class FakeSecretProtector : ISecretProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public int ProtectCalls { get; private set; }

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        ProtectCalls++;
        var output = new byte[12 + 16 + plaintext.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        var plain = new byte[protectedData.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(protectedData[..12], protectedData[28..], protectedData.Slice(12, 16), plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }
}
