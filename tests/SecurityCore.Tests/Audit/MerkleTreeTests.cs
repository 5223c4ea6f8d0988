using System.Text.Json;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class MerkleTreeTests
{
    private static readonly JsonElement Vectors = LoadVectors();

    public static TheoryData<int> RootSizes() => [.. Enumerable.Range(0, 9)];

    public static TheoryData<int> InclusionRows() => [.. Enumerable.Range(0, Vectors.GetProperty("inclusion").GetArrayLength())];

    public static TheoryData<int> ConsistencyRows() => [.. Enumerable.Range(0, Vectors.GetProperty("consistency").GetArrayLength())];

    [Theory]
    [MemberData(nameof(RootSizes))]
    public void GetRoot_Rfc9162Vectors_MatchesEveryTreeSize(int size)
    {
        var tree = VectorTree();

        Assert.Equal(Vectors.GetProperty("roots").GetProperty(size.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString(), Hex(tree.GetRoot(size)));
    }

    [Theory]
    [MemberData(nameof(InclusionRows))]
    public void GetInclusionProof_Rfc9162Vectors_MatchesAndVerifies(int row)
    {
        var vector = Vectors.GetProperty("inclusion")[row];
        var index = vector.GetProperty("leaf_index").GetInt64();
        var size = vector.GetProperty("tree_size").GetInt64();
        var expected = vector.GetProperty("path").EnumerateArray().Select(p => p.GetString()!).ToArray();
        var tree = VectorTree();

        var proof = tree.GetInclusionProof(index, size);

        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleHashing.VerifyInclusion(index, size, tree.GetLeafHash(index), proof, tree.GetRoot(size)));
        Assert.False(MerkleHashing.VerifyInclusion(index, size, tree.GetLeafHash((index + 1) % size), proof, tree.GetRoot(size)));
    }

    [Theory]
    [MemberData(nameof(ConsistencyRows))]
    public void GetConsistencyProof_Rfc9162Vectors_MatchesAndVerifies(int row)
    {
        var vector = Vectors.GetProperty("consistency")[row];
        var oldSize = vector.GetProperty("old_size").GetInt64();
        var newSize = vector.GetProperty("new_size").GetInt64();
        var expected = vector.GetProperty("proof").EnumerateArray().Select(p => p.GetString()!).ToArray();
        var tree = VectorTree();

        var proof = tree.GetConsistencyProof(oldSize, newSize);

        Assert.Equal(expected, proof.Select(Hex));
        Assert.True(MerkleHashing.VerifyConsistency(oldSize, newSize, tree.GetRoot(oldSize), tree.GetRoot(newSize), proof));
        Assert.False(MerkleHashing.VerifyConsistency(oldSize, newSize, tree.GetRoot(oldSize - 1), tree.GetRoot(newSize), proof));
    }

    [Fact]
    public void Proofs_EveryIndexAndSizePairUpTo40_VerifyAndMatchTheReferenceRoot()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleHashing.HashLeaf([(byte)i, (byte)(i * 7)])).ToList();
        var tree = new MerkleTree();
        tree.AppendLeafHashes(leaves.Take(17));
        tree.AppendLeafHashes(leaves.Skip(17));

        for (var size = 1; size <= 40; size++)
        {
            var root = tree.GetRoot(size);
            Assert.Equal(Hex(ReferenceRoot(leaves.GetRange(0, size))), Hex(root));
            for (var index = 0; index < size; index++)
            {
                Assert.True(MerkleHashing.VerifyInclusion(index, size, leaves[index], tree.GetInclusionProof(index, size), root), $"inclusion {index} in {size}");
            }

            for (var oldSize = 0; oldSize <= size; oldSize++)
            {
                var proof = tree.GetConsistencyProof(oldSize, size);
                Assert.True(MerkleHashing.VerifyConsistency(oldSize, size, tree.GetRoot(oldSize), root, proof), $"consistency {oldSize} -> {size}");
                if (proof.Count > 0)
                {
                    var tampered = proof.Select(p => (byte[])p.Clone()).ToList();
                    tampered[^1][0] ^= 1;
                    Assert.False(MerkleHashing.VerifyConsistency(oldSize, size, tree.GetRoot(oldSize), root, tampered), $"tampered {oldSize} -> {size}");
                }
            }
        }
    }

    [Fact]
    public void VerifyInclusion_IndexOutsideTheTree_IsFalse()
    {
        var tree = VectorTree();

        Assert.False(MerkleHashing.VerifyInclusion(8, 8, tree.GetLeafHash(0), tree.GetInclusionProof(0, 8), tree.GetRoot(8)));
        Assert.False(MerkleHashing.VerifyInclusion(0, 8, tree.GetLeafHash(0), [.. tree.GetInclusionProof(0, 8).Take(2)], tree.GetRoot(8)));
    }

    [Fact]
    public void GetRoot_SizeBeyondTheTree_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorTree().GetRoot(9));
    }

    private static MerkleTree VectorTree()
    {
        var tree = new MerkleTree();
        tree.AppendLeafHashes(Vectors.GetProperty("leaves_hex").EnumerateArray().Select(l => MerkleHashing.HashLeaf(Convert.FromHexString(l.GetString()!))));
        return tree;
    }

    private static byte[] ReferenceRoot(List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var k = 1;
        while (k * 2 < leaves.Count)
        {
            k *= 2;
        }

        return MerkleHashing.HashChildren(ReferenceRoot(leaves.GetRange(0, k)), ReferenceRoot(leaves.GetRange(k, leaves.Count - k)));
    }

    private static string Hex(byte[] value) => Convert.ToHexStringLower(value);

    private static JsonElement LoadVectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "audit", "merkle.json")));
        return document.RootElement.Clone();
    }
}
