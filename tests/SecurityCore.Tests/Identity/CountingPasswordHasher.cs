using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Identity;

/// <summary>Wraps a real hasher and counts calls, to check that every path spends one verification.</summary>
internal sealed class CountingPasswordHasher(IPasswordHasher inner) : IPasswordHasher
{
    public int Verifications { get; private set; }

    public int DummyVerifications { get; private set; }

    public string Hash(string secret) => inner.Hash(secret);

    public PasswordVerification Verify(string encodedHash, string secret)
    {
        Verifications++;
        return inner.Verify(encodedHash, secret);
    }

    public void VerifyDummy(string secret)
    {
        DummyVerifications++;
        inner.VerifyDummy(secret);
    }
}
