using System.Text.Json.Nodes;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The key ring: one active signing key and retired keys that still verify.</summary>
public interface ISigningKeyService
{
    /// <summary>Makes sure an active key exists (creating and storing one on first run).</summary>
    void EnsureActiveKey();
    /// <summary>Creates a new active key; the old one retires and verifies until its last token expires.</summary>
    SigningKeyInfo Rotate();
    /// <summary>Lists the keys of the ring.</summary>
    IReadOnlyList<SigningKeyInfo> List();
    /// <summary>Gets the public JWK Set (RFC 7517) of every key that still verifies; never private parts.</summary>
    /// <remarks>HS256 keys are symmetric and never published; the set is empty for them.</remarks>
    JsonObject GetJwks();
    /// <summary>Gets whether the ring has an active key (for readiness).</summary>
    bool HasActiveKey { get; }
}
