using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Identity;

/// <summary>A hand-written key ring that only counts <see cref="EnsureActiveKey"/> calls.</summary>
internal sealed class FakeSigningKeyService : ISigningKeyService
{
    public int EnsureActiveKeyCalls { get; private set; }

    public bool HasActiveKey => EnsureActiveKeyCalls > 0;

    public void EnsureActiveKey() => EnsureActiveKeyCalls++;

    public SigningKeyInfo Rotate() => throw new NotSupportedException();

    public IReadOnlyList<SigningKeyInfo> List() => [];

    public JsonObject GetJwks() => new() { ["keys"] = new JsonArray() };
}
