namespace McpSecurity.SecurityCore.Storage;

/// <summary>Encrypts secrets at rest with the master key (authenticated encryption bound to a purpose).</summary>
public interface ISecretProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/>; the purpose must be given again to decrypt.</summary>
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>Decrypts what <see cref="Protect"/> produced; throws when tampered or the purpose differs.</summary>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose);
}
