namespace McpSecurity.SecurityCore.Identity;

/// <summary>Hashes and verifies passwords and client secrets (Argon2id; parameters stored with each hash).</summary>
public interface IPasswordHasher
{
    /// <summary>Hashes a secret into a self-describing encoded string.</summary>
    string Hash(string secret);
    /// <summary>Verifies a secret against an encoded hash in constant time.</summary>
    PasswordVerification Verify(string encodedHash, string secret);
    /// <summary>Spends the same effort as a real verification, against a dummy hash (no user enumeration by timing).</summary>
    void VerifyDummy(string secret);
}
