using System.Collections.Frozen;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>An immutable snapshot of the key ring; readers never lock, writers swap the whole snapshot.</summary>
internal sealed class SigningKeyRing
{
    private readonly FrozenDictionary<string, SigningKeyEntry> _byId;
    private readonly FrozenDictionary<string, SigningKeyEntry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public SigningKeyRing(IReadOnlyList<SigningKeyEntry> keys)
    {
        Keys = [.. keys.OrderBy(k => k.RetiredAt is null && !k.Revoked ? 0 : 1).ThenByDescending(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];
        Active = Keys.FirstOrDefault(k => k.RetiredAt is null && !k.Revoked);
        _byId = Keys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal);
        _bySpan = _byId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Gets the empty ring.</summary>
    public static SigningKeyRing Empty { get; } = new([]);

    /// <summary>Gets the active key, if any.</summary>
    public SigningKeyEntry? Active { get; }

    /// <summary>Gets every key: the active one first, then newest first.</summary>
    public IReadOnlyList<SigningKeyEntry> Keys { get; }

    /// <summary>Finds a key by <c>kid</c> without allocating.</summary>
    public bool TryGet(ReadOnlySpan<char> keyId, out SigningKeyEntry key) => _bySpan.TryGetValue(keyId, out key!);

    /// <summary>Finds a key by <c>kid</c>.</summary>
    public SigningKeyEntry? Find(string keyId) => _byId.GetValueOrDefault(keyId);
}
