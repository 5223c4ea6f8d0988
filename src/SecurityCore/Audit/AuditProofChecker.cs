using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Checks audit proofs and checkpoint signatures with nothing but the public keys: what a third party runs (the README
/// describes the same steps for other languages).
/// </summary>
public static class AuditProofChecker
{
    /// <summary>Checks a checkpoint's ES256 signature with the key it names among <paramref name="keys"/>.</summary>
    public static bool CheckCheckpoint(AuditCheckpoint checkpoint, IEnumerable<AuditPublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(keys);
        var key = keys.FirstOrDefault(k => string.Equals(k.KeyId, checkpoint.Signature.KeyId, StringComparison.Ordinal));
        if (key is null || !string.Equals(checkpoint.Signature.Algorithm, "ES256", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
            });
            return ecdsa.VerifyData(checkpoint.GetSignedBytes(), Base64Url.DecodeFromChars(checkpoint.Signature.Value),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>Checks an inclusion proof: entry bytes to leaf, path to root, root to the signed checkpoint; returns the problem or null.</summary>
    /// <param name="proof">The proof.</param>
    /// <param name="trustedKeys">Keys obtained independently; null trusts the keys carried by the proof.</param>
    /// <param name="requireCheckpoint">Whether a proof against an unsigned tree fails.</param>
    public static string? CheckInclusion(AuditInclusionProof proof, IEnumerable<AuditPublicKey>? trustedKeys = null, bool requireCheckpoint = true)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var bytes = Encoding.UTF8.GetBytes(proof.Entry);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), proof.EntryHash, StringComparison.OrdinalIgnoreCase))
        {
            return "The entry does not hash to entry_hash.";
        }

        var leaf = MerkleHashing.HashLeaf(bytes);
        if (!string.Equals(Convert.ToHexStringLower(leaf), proof.LeafHash, StringComparison.OrdinalIgnoreCase))
        {
            return "The entry does not hash to leaf_hash.";
        }

        if (!SequenceOf(proof.Entry, out var sequence) || sequence != proof.Sequence || proof.Path.LeafIndex != sequence - 1)
        {
            return "The entry's seq does not match the proof's leaf index.";
        }

        if (!TryHashes(proof.Path.AuditPath, out var path) || !TryHash(proof.RootHash, out var root)
            || !MerkleHashing.VerifyInclusion(proof.Path.LeafIndex, proof.TreeSize, leaf, path, root))
        {
            return "The audit path does not lead from the entry to root_hash.";
        }

        return CheckSigned(proof.Checkpoint, proof.TreeSize, proof.RootHash, trustedKeys ?? proof.PublicKeys, requireCheckpoint);
    }

    /// <summary>Checks a consistency proof and the checkpoints it carries; returns the problem or null.</summary>
    public static string? CheckConsistency(AuditConsistencyProof proof, IEnumerable<AuditPublicKey>? trustedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (!TryHash(proof.FirstRoot, out var first) || !TryHash(proof.SecondRoot, out var second) || !TryHashes(proof.Proof, out var hashes)
            || !MerkleHashing.VerifyConsistency(proof.FirstSize, proof.SecondSize, first, second, hashes))
        {
            return "The consistency proof does not link first_root to second_root.";
        }

        var keys = (trustedKeys ?? proof.PublicKeys).ToList();
        return (proof.FirstCheckpoint is null ? null : CheckSigned(proof.FirstCheckpoint, proof.FirstSize, proof.FirstRoot, keys, true))
            ?? (proof.SecondCheckpoint is null ? null : CheckSigned(proof.SecondCheckpoint, proof.SecondSize, proof.SecondRoot, keys, true));
    }

    /// <summary>Gets a public key as an RFC 7517 JWK.</summary>
    public static JsonObject ToJwk(AuditPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = key.X, ["y"] = key.Y, ["kid"] = key.KeyId, ["alg"] = key.Algorithm, ["use"] = "sig" };
    }

    /// <summary>Reads a JWK (EC P-256) or throws <see cref="FormatException"/>.</summary>
    public static AuditPublicKey FromJwk(JsonElement jwk)
    {
        try
        {
            if (jwk.GetProperty("kty").GetString() != "EC" || jwk.GetProperty("crv").GetString() != "P-256")
            {
                throw new FormatException("The key is not an EC P-256 JWK.");
            }

            return new AuditPublicKey(jwk.GetProperty("kid").GetString()!, jwk.TryGetProperty("alg", out var alg) ? alg.GetString()! : "ES256",
                jwk.GetProperty("x").GetString()!, jwk.GetProperty("y").GetString()!, DateTimeOffset.MinValue);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("The key is not a JWK with kty, crv, kid, x and y.", ex);
        }
    }

    internal static string? CheckSigned(AuditCheckpoint? checkpoint, long treeSize, string rootHash, IEnumerable<AuditPublicKey> keys, bool required)
    {
        if (checkpoint is null)
        {
            return required ? "The proof is against an unsigned tree: ask for a tree_size that has a checkpoint." : null;
        }

        if (checkpoint.TreeSize != treeSize || !string.Equals(checkpoint.RootHash, rootHash, StringComparison.OrdinalIgnoreCase))
        {
            return "The checkpoint is for another tree size or root.";
        }

        return CheckCheckpoint(checkpoint, keys) ? null : "The checkpoint signature does not verify with the audit key it names.";
    }

    internal static bool TryHash(string? hex, out byte[] hash)
    {
        hash = [];
        if (hex is null || hex.Length != MerkleHashing.HashSize * 2)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryHashes(IReadOnlyList<string> hexes, out List<byte[]> hashes)
    {
        hashes = new List<byte[]>(hexes.Count);
        foreach (var hex in hexes)
        {
            if (!TryHash(hex, out var hash))
            {
                return false;
            }

            hashes.Add(hash);
        }

        return true;
    }

    internal static bool SequenceOf(string entryJson, out long sequence)
    {
        sequence = 0;
        try
        {
            using var document = JsonDocument.Parse(entryJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out sequence);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
