using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>A key ring test double that never has an active key (for the readiness probe).</summary>
public sealed class EmptyKeyRing : ISigningKeyService
{
    public bool HasActiveKey => false;

    public void EnsureActiveKey()
    {
    }

    public SigningKeyInfo Rotate() => throw new InvalidOperationException("The empty key ring cannot rotate.");

    public IReadOnlyList<SigningKeyInfo> List() => [];

    public JsonObject GetJwks() => new() { ["keys"] = new JsonArray() };
}
