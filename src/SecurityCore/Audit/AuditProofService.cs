using System.Globalization;
using System.Text;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Proofs from the trail's in-memory Merkle tree, entries from the store, checkpoints and keys as signed.</summary>
internal sealed class AuditProofService(
    IAuditTrail trail,
    IAuditRepository repository,
    IAuditSigner signer,
    ISecretProtector protector,
    AuditReadRecorder reads) : IAuditProofService
{
    private readonly AuditEntryCodec _codec = new(protector);

    /// <inheritdoc />
    public async Task<AuditInclusionProof> GetInclusionProofAsync(long sequence, long? treeSize, ActingPrincipal reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
        var proof = Inclusion(sequence, treeSize);
        await reads.RecordAsync(reader, "inclusion_proof", new Dictionary<string, string>
        {
            ["sequence"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["tree_size"] = proof.TreeSize.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return proof;
    }

    /// <inheritdoc />
    public async Task<AuditConsistencyProof> GetConsistencyProofAsync(long firstSize, long? secondSize, ActingPrincipal reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await trail.FlushAsync(cancellationToken).ConfigureAwait(false);
        var head = trail.GetTreeHead();
        var second = secondSize ?? head.LastCheckpoint?.TreeSize
            ?? throw new SecurityException(SecurityErrorCodes.AuditProofUnavailable, "There is no signed checkpoint yet: give second_size.");
        if (firstSize < 1 || firstSize > second || second > head.TreeSize)
        {
            throw new SecurityException(SecurityErrorCodes.AuditProofUnavailable,
                $"A consistency proof needs 1 <= first_size <= second_size <= {head.TreeSize} (the trail size); got {firstSize} and {second}.");
        }

        var checkpoints = Checkpoints();
        var proof = new AuditConsistencyProof
        {
            FirstSize = firstSize,
            FirstRoot = Convert.ToHexStringLower(trail.GetRoot(firstSize)),
            SecondSize = second,
            SecondRoot = Convert.ToHexStringLower(trail.GetRoot(second)),
            Proof = [.. trail.GetConsistencyProof(firstSize, second).Select(Convert.ToHexStringLower)],
            FirstCheckpoint = checkpoints.GetValueOrDefault(firstSize),
            SecondCheckpoint = checkpoints.GetValueOrDefault(second),
            PublicKeys = signer.GetPublicKeys(),
        };
        await reads.RecordAsync(reader, "consistency_proof", new Dictionary<string, string>
        {
            ["first_size"] = firstSize.ToString(CultureInfo.InvariantCulture),
            ["second_size"] = second.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return proof;
    }

    /// <summary>Builds an inclusion proof without recording a read (the export records its own).</summary>
    internal AuditInclusionProof Inclusion(long sequence, long? treeSize)
    {
        var head = trail.GetTreeHead();
        var stored = sequence >= 1 && sequence <= head.TreeSize ? repository.GetBySequence(sequence) : null;
        if (stored is null)
        {
            throw new SecurityException(SecurityErrorCodes.AuditEntryNotFound,
                $"The audit trail has no entry {sequence} (it holds up to {head.TreeSize}; entries older than the retention period are removed).");
        }

        var size = treeSize ?? (head.LastCheckpoint is { } last && last.TreeSize >= sequence ? last.TreeSize : head.TreeSize);
        if (size < sequence || size > head.TreeSize)
        {
            throw new SecurityException(SecurityErrorCodes.AuditProofUnavailable,
                $"Entry {sequence} can be proven in trees of {sequence} to {head.TreeSize} entries; got tree_size {size}.");
        }

        var canonical = AuditEntryCanonicalForm.Build(stored, _codec.Decrypt(stored));
        return new AuditInclusionProof
        {
            Sequence = sequence,
            Entry = Encoding.UTF8.GetString(canonical),
            EntryHash = AuditEntryCanonicalForm.EntryHash(canonical),
            LeafHash = Convert.ToHexStringLower(MerkleHashing.HashLeaf(canonical)),
            TreeSize = size,
            RootHash = Convert.ToHexStringLower(trail.GetRoot(size)),
            Path = new AuditProofPath(sequence - 1, size, [.. trail.GetInclusionProof(sequence, size).Select(Convert.ToHexStringLower)]),
            Checkpoint = Checkpoints().GetValueOrDefault(size),
            PublicKeys = signer.GetPublicKeys(),
        };
    }

    private Dictionary<long, AuditCheckpoint> Checkpoints()
    {
        var result = new Dictionary<long, AuditCheckpoint>();
        foreach (var stored in repository.GetCheckpoints())
        {
            result[stored.TreeSize] = AuditTrail.FromStored(stored);
        }

        return result;
    }
}
