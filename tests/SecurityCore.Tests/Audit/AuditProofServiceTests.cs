using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditProofServiceTests : IAsyncDisposable
{
    private readonly AuditQueryTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private async Task SeedAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await _context.AppendAsync(AuditTestContext.Event(i));
        }
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(4, 7)]
    [InlineData(7, 7)]
    [InlineData(13, 20)]
    public async Task GetInclusionProofAsync_AgainstACheckpoint_VerifiesForAThirdParty(int sequence, int size)
    {
        await SeedAsync(size);
        await _context.Audit.Trail.CheckpointAsync();

        var proof = await _context.Proofs.GetInclusionProofAsync(sequence, null, AuditQueryTestContext.Reader);

        Assert.Equal(size, proof.TreeSize);
        Assert.NotNull(proof.Checkpoint);
        Assert.Null(AuditProofChecker.CheckInclusion(proof, _context.Audit.Signer.GetPublicKeys()));
    }

    [Fact]
    public async Task GetInclusionProofAsync_Tampered_FailsEachWay()
    {
        await SeedAsync(9);
        await _context.Audit.Trail.CheckpointAsync();
        var proof = await _context.Proofs.GetInclusionProofAsync(5, null, AuditQueryTestContext.Reader);
        var keys = _context.Audit.Signer.GetPublicKeys();
        var changedEntry = proof.Entry.Replace("usr_5", "usr_6", StringComparison.Ordinal);
        var flipped = proof.Path.AuditPath[0].StartsWith('0') ? "1" + proof.Path.AuditPath[0][1..] : "0" + proof.Path.AuditPath[0][1..];

        Assert.NotNull(AuditProofChecker.CheckInclusion(proof with { Entry = changedEntry }, keys));
        Assert.NotNull(AuditProofChecker.CheckInclusion(proof with { Entry = changedEntry, EntryHash = Sha(changedEntry), LeafHash = Leaf(changedEntry) }, keys));
        Assert.NotNull(AuditProofChecker.CheckInclusion(proof with { Path = proof.Path with { AuditPath = [flipped, .. proof.Path.AuditPath.Skip(1)] } }, keys));
        Assert.NotNull(AuditProofChecker.CheckInclusion(proof with { Checkpoint = proof.Checkpoint! with { Signature = proof.Checkpoint.Signature with { Value = proof.Checkpoint.Signature.Value[..^4] + "AAAA" } } }, keys));
        Assert.NotNull(AuditProofChecker.CheckInclusion(proof with { Checkpoint = null }, keys));
    }

    [Fact]
    public async Task GetConsistencyProofAsync_BetweenTwoCheckpoints_Verifies_AndTamperedFails()
    {
        await SeedAsync(6);
        var first = await _context.Audit.Trail.CheckpointAsync();
        await SeedAsync(11);
        var second = await _context.Audit.Trail.CheckpointAsync();

        var proof = await _context.Proofs.GetConsistencyProofAsync(first!.TreeSize, second!.TreeSize, AuditQueryTestContext.Reader);

        Assert.NotNull(proof.FirstCheckpoint);
        Assert.NotNull(proof.SecondCheckpoint);
        Assert.Null(AuditProofChecker.CheckConsistency(proof, _context.Audit.Signer.GetPublicKeys()));
        Assert.NotNull(AuditProofChecker.CheckConsistency(proof with { FirstRoot = proof.SecondRoot }));
        Assert.NotNull(AuditProofChecker.CheckConsistency(proof with { Proof = [.. proof.Proof.Skip(1)] }));
    }

    [Fact]
    public async Task Proofs_OutOfRange_AreRefusedWithStableCodes_AndRequestsAreAudited()
    {
        await SeedAsync(3);

        var missing = await Assert.ThrowsAsync<SecurityException>(() => _context.Proofs.GetInclusionProofAsync(9, null, AuditQueryTestContext.Reader));
        var small = await Assert.ThrowsAsync<SecurityException>(() => _context.Proofs.GetInclusionProofAsync(3, 2, AuditQueryTestContext.Reader));
        var order = await Assert.ThrowsAsync<SecurityException>(() => _context.Proofs.GetConsistencyProofAsync(3, 2, AuditQueryTestContext.Reader));
        var current = await _context.Proofs.GetInclusionProofAsync(2, null, AuditQueryTestContext.Reader);

        Assert.Equal(SecurityErrorCodes.AuditEntryNotFound, missing.Code);
        Assert.Equal(SecurityErrorCodes.AuditProofUnavailable, small.Code);
        Assert.Equal(SecurityErrorCodes.AuditProofUnavailable, order.Code);
        Assert.Null(current.Checkpoint);
        Assert.Null(AuditProofChecker.CheckInclusion(current, requireCheckpoint: false));
        var read = Assert.Single(_context.Audit.Trail.GetRecent(10, SecurityEventTypes.AuditRead));
        Assert.Equal("inclusion_proof", read.Details["operation"]);
        Assert.Equal("2", read.Details["sequence"]);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Leaf(string text) => Convert.ToHexStringLower(MerkleHashing.HashLeaf(System.Text.Encoding.UTF8.GetBytes(text)));
}
