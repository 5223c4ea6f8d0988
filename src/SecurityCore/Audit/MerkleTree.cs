namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// An append-only RFC 9162 Merkle tree kept in memory as every complete subtree: level <c>k</c> holds the hash of each
/// aligned run of <c>2^k</c> leaves. An append adds one leaf hash and on average one node; roots and proofs for any
/// earlier size come from O(log n) stored nodes, never from rehashing the leaves.
/// </summary>
/// <remarks>
/// About 64 bytes per leaf in all (32 MB of leaf hashes and as much for the inner levels at 1,000,000 entries). Thread-safe:
/// appends and reads take one lock (proofs are rare next to appends).
/// </remarks>
internal sealed class MerkleTree
{
    private readonly List<HashArray> _levels = [new HashArray()];
    private readonly Lock _gate = new();

    /// <summary>Gets the number of leaves.</summary>
    public long Size
    {
        get
        {
            _gate.Enter();
            try
            {
                return _levels[0].Count;
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    /// <summary>Appends leaf hashes (already <see cref="MerkleHashing.HashLeaf"/>ed).</summary>
    public void AppendLeafHashes(IEnumerable<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        _gate.Enter();
        try
        {
            Span<byte> node = stackalloc byte[MerkleHashing.HashSize];
            foreach (var leaf in leafHashes)
            {
                _levels[0].Add(leaf);
                var level = 0;
                // Each time a level gains an even count, its last two nodes complete a node one level up.
                while ((_levels[level].Count & 1) == 0)
                {
                    var count = _levels[level].Count;
                    MerkleHashing.HashChildren(_levels[level].Get(count - 2), _levels[level].Get(count - 1), node);
                    if (_levels.Count == level + 1)
                    {
                        _levels.Add(new HashArray());
                    }

                    _levels[level + 1].Add(node);
                    level++;
                }
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Gets the leaf hash at zero-based <paramref name="index"/>.</summary>
    public byte[] GetLeafHash(long index)
    {
        _gate.Enter();
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _levels[0].Count);
            return _levels[0].Get(index).ToArray();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Copies <paramref name="count"/> leaf hashes from zero-based <paramref name="start"/> into <paramref name="destination"/>.</summary>
    public void CopyLeafHashes(long start, int count, Span<byte> destination)
    {
        _gate.Enter();
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, _levels[0].Count);
            for (var i = 0; i < count; i++)
            {
                _levels[0].Get(start + i).CopyTo(destination[(i * MerkleHashing.HashSize)..]);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Gets the root of the tree of the first <paramref name="size"/> leaves (MTH of RFC 9162).</summary>
    public byte[] GetRoot(long size)
    {
        _gate.Enter();
        try
        {
            CheckSize(size);
            return size == 0 ? MerkleHashing.EmptyRoot.ToArray() : SubtreeHash(0, size);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Gets the inclusion proof (RFC 9162 PATH) of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public IReadOnlyList<byte[]> GetInclusionProof(long index, long size)
    {
        _gate.Enter();
        try
        {
            CheckSize(size);
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
            var proof = new List<byte[]>();
            Path(index, 0, size, proof);
            return proof;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Gets the consistency proof (RFC 9162 PROOF) between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> leaves.</summary>
    public IReadOnlyList<byte[]> GetConsistencyProof(long oldSize, long newSize)
    {
        _gate.Enter();
        try
        {
            CheckSize(newSize);
            ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
            var proof = new List<byte[]>();
            if (oldSize > 0 && oldSize < newSize)
            {
                SubProof(oldSize, 0, newSize, true, proof);
            }

            return proof;
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, _levels[0].Count);
    }

    // PATH(m, D[start:start+n]) with m relative to start.
    private void Path(long m, long start, long n, List<byte[]> proof)
    {
        if (n == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, start, k, proof);
            proof.Add(SubtreeHash(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, proof);
            proof.Add(SubtreeHash(start, k));
        }
    }

    // SUBPROOF(m, D[start:start+n], b).
    private void SubProof(long m, long start, long n, bool complete, List<byte[]> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(SubtreeHash(start, n));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(SubtreeHash(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, proof);
            proof.Add(SubtreeHash(start, k));
        }
    }

    // MTH(D[start:start+n]); every range the recursions ask for starts at a multiple of its largest power-of-two part.
    private byte[] SubtreeHash(long start, long n)
    {
        if ((n & (n - 1)) == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)n);
            if (start % n == 0 && level < _levels.Count && (start >> level) < _levels[level].Count)
            {
                return _levels[level].Get(start >> level).ToArray();
            }
        }

        if (n == 1)
        {
            return _levels[0].Get(start).ToArray();
        }

        var k = LargestPowerOfTwoBelow(n);
        return MerkleHashing.HashChildren(SubtreeHash(start, k), SubtreeHash(start + k, n - k));
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << System.Numerics.BitOperations.Log2((ulong)(n - 1));

    /// <summary>A growable run of 32-byte hashes in one array (no object per hash).</summary>
    private sealed class HashArray
    {
        private byte[] _data = new byte[MerkleHashing.HashSize * 1024];

        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> hash)
        {
            var offset = Count * MerkleHashing.HashSize;
            if (offset + MerkleHashing.HashSize > _data.LongLength)
            {
                Array.Resize(ref _data, checked(_data.Length * 2));
            }

            hash.CopyTo(_data.AsSpan((int)offset, MerkleHashing.HashSize));
            Count++;
        }

        public ReadOnlySpan<byte> Get(long index) => _data.AsSpan((int)(index * MerkleHashing.HashSize), MerkleHashing.HashSize);
    }
}
