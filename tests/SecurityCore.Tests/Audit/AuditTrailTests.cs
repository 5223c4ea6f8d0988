using System.Text;
using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditTrailTests : IAsyncDisposable
{
    private AuditTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task AppendAsync_Sequential_GivesGapFreeSequenceNumbersAndAChain()
    {
        var first = await _context.Trail.AppendAsync(AuditTestContext.Event(1));
        var second = await _context.Trail.AppendAsync(AuditTestContext.Event(2));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        var entry1 = _context.Trail.GetEntry(1)!;
        var entry2 = _context.Trail.GetEntry(2)!;
        Assert.Equal(new string('0', 64), entry1.PrevHash);
        Assert.Equal(entry1.EntryHash, entry2.PrevHash);
        Assert.Equal(first.EntryHash, entry1.EntryHash);
        Assert.Matches("^[0-9a-f]{64}$", entry2.EntryHash);
    }

    [Fact]
    public async Task AppendAsync_EveryField_RoundTripsThroughTheStore()
    {
        var published = AuditTestContext.Event(7) with { Roles = ["admin"], AuthenticationMethod = "pwd", ClientId = "agent" };
        await _context.Trail.AppendAsync(published);
        await _context.RestartAsync();

        var entry = Assert.Single(_context.Trail.GetRecent(10));
        Assert.Equal(published.Id, entry.EventId);
        Assert.Equal(published.OccurredAt, entry.Timestamp);
        Assert.Equal(published.Type, entry.Type);
        Assert.Equal(published.Outcome, entry.Outcome);
        Assert.Equal(("usr_7", "agent", "127.0.0.1", "pwd"), (entry.Actor.SubjectId, entry.Actor.ClientId, entry.Actor.Address, entry.Actor.AuthenticationMethod));
        Assert.Equal(["admin"], entry.Actor.Roles);
        Assert.Equal("target-7", entry.Target);
        Assert.Equal(SecurityErrorCodesForTests.InvalidCredentials, entry.ReasonCode);
        Assert.Equal("req-7", entry.RequestId);
        Assert.Equal("7", entry.Details["n"]);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentPublishers_AreAllCommittedOnceInOrderOfSequence()
    {
        await _context.AppendAsync(500);

        Assert.Equal(500, _context.Trail.GetTreeHead().TreeSize);
        var sequences = _context.Repository.ReadFrom(1).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), sequences);
        Assert.Equal(500, _context.Repository.ReadFrom(1).Select(e => e.EventId).Distinct().Count());
        Assert.True((await _context.CreateVerifier().VerifyAsync()).Ok);
    }

    [Fact]
    public async Task AppendAsync_AfterRestart_ContinuesTheSequenceChainAndTree()
    {
        await _context.AppendAsync(5);
        var rootBefore = _context.Trail.GetTreeHead().RootHash;
        await _context.RestartAsync();

        Assert.Equal(rootBefore, _context.Trail.GetTreeHead().RootHash);
        var next = await _context.Trail.AppendAsync(AuditTestContext.Event(6));

        Assert.Equal(6, next.Sequence);
        Assert.Equal(_context.Trail.GetEntry(5)!.EntryHash, _context.Trail.GetEntry(6)!.PrevHash);
        Assert.True((await _context.CreateVerifier().VerifyAsync()).Ok);
    }

    [Fact]
    public async Task AppendAsync_PastTwoLeafChunks_StoresCompleteChunksOnceAndReloadsTheSameTree()
    {
        await _context.AppendAsync(2100);
        var head = _context.Trail.GetTreeHead();
        var proof = _context.Trail.GetInclusionProof(1500, 2100);

        await _context.RestartAsync();

        Assert.Equal([0L, 1L], _context.Repository.GetLeafChunks().Select(c => c.Index));
        Assert.Equal(head.RootHash, _context.Trail.GetTreeHead().RootHash);
        Assert.Equal(proof, _context.Trail.GetInclusionProof(1500, 2100));
        var result = await _context.CreateVerifier().VerifyAsync();
        Assert.True(result.Ok, result.Message);
        Assert.Equal(2100, result.EntriesChecked);
    }

    [Fact]
    public async Task AppendAsync_Details_AreEncryptedAtRest()
    {
        await _context.Trail.AppendAsync(AuditTestContext.Event(1, details: new Dictionary<string, string> { ["note"] = "plain-detail-marker" }));

        var raw = _context.Store.Store.Database.GetCollection("audit_entries").FindById(1);
        Assert.True(raw["encrypted_details"].IsBinary);
        Assert.DoesNotContain("plain-detail-marker", Encoding.UTF8.GetString(raw["encrypted_details"].AsBinary), StringComparison.Ordinal);
        Assert.DoesNotContain("plain-detail-marker", raw.ToString(), StringComparison.Ordinal);
        Assert.Equal("plain-detail-marker", _context.Trail.GetEntry(1)!.Details["note"]);
    }

    [Fact]
    public async Task AppendAsync_SecretAndPatientFields_NeverReachTheStore()
    {
        var details = new Dictionary<string, string>
        {
            ["password"] = "hunter2-secret-value",
            ["new_password"] = "another-secret-value",
            ["refresh_token"] = "rt-secret-value",
            ["code"] = "123456",
            ["ssn"] = "078-05-1120",
            ["diagnosis"] = "J45.909",
            ["reason_code"] = "kept",
        };
        await _context.Trail.AppendAsync(AuditTestContext.Event(1, details: details));

        var entry = _context.Trail.GetEntry(1)!;
        var plain = Encoding.UTF8.GetString(_context.Protector.Unprotect(
            _context.Store.Store.Database.GetCollection("audit_entries").FindById(1)["encrypted_details"].AsBinary, "audit-details:" + entry.EventId));
        foreach (var secret in new[] { "hunter2-secret-value", "another-secret-value", "rt-secret-value", "123456", "078-05-1120", "J45.909" })
        {
            Assert.DoesNotContain(secret, plain, StringComparison.Ordinal);
            Assert.DoesNotContain(entry.Details.Values, v => v.Contains(secret, StringComparison.Ordinal));
        }

        Assert.False(entry.Details.ContainsKey("password"));
        Assert.Equal("code,new_password,password,refresh_token", entry.Details["redacted"]);
        Assert.StartsWith("hmac:", entry.Details["ssn"], StringComparison.Ordinal);
        Assert.Equal("kept", entry.Details["reason_code"]);
    }

    [Fact]
    public async Task AppendAsync_EveryNEntries_SignsACheckpointInTheSameCommit()
    {
        await DisposeAsync();
        _context = new AuditTestContext(new AuditOptions { CheckpointEveryEntries = 10, MaxBatchSize = 1 });

        await _context.AppendAsync(25);
        await _context.Trail.FlushAsync();

        var checkpoints = _context.Repository.GetCheckpoints();
        Assert.Equal([10L, 20L], checkpoints.Select(c => c.TreeSize));
        var last = AuditTrail.FromStored(checkpoints[^1]);
        Assert.True(_context.Signer.Verify(last.GetSignedBytes(), last.Signature));
        Assert.Equal(Convert.ToHexStringLower(_context.Trail.GetRoot(20)), last.RootHash);
    }

    [Fact]
    public async Task Timer_AfterTheInterval_SignsACheckpointOfNewEntries()
    {
        await _context.AppendAsync(3);
        Assert.Empty(_context.Repository.GetCheckpoints());

        _context.Time.Advance(_context.Options.CheckpointInterval);
        await _context.Trail.FlushAsync();

        var checkpoint = Assert.Single(_context.Repository.GetCheckpoints());
        Assert.Equal(3, checkpoint.TreeSize);
        Assert.Equal(_context.Time.GetUtcNow(), checkpoint.Timestamp);

        _context.Time.Advance(_context.Options.CheckpointInterval);
        await _context.Trail.FlushAsync();
        Assert.Single(_context.Repository.GetCheckpoints());
    }

    [Fact]
    public async Task CheckpointAsync_ExportsToTheAnchorFileAndTheWebhook()
    {
        await using var webhook = new AnchorWebhookStandIn();
        var anchorPath = Path.Combine(_context.Store.DataDirectoryPath, "..", "anchors", "audit.jsonl");
        await DisposeAsync();
        _context = new AuditTestContext(new AuditOptions { AnchorFilePath = anchorPath, AnchorWebhookUrl = webhook.Url });

        await _context.AppendAsync(4);
        var first = await _context.Trail.CheckpointAsync();
        await _context.AppendAsync(2, from: 5);
        var second = await _context.Trail.CheckpointAsync();

        var lines = File.ReadAllLines(anchorPath);
        Assert.Equal([first!.ToJson(), second!.ToJson()], lines);
        var parsed = AuditCheckpoint.Parse(lines[1]);
        Assert.Equal(6, parsed.TreeSize);
        Assert.True(_context.Signer.Verify(parsed.GetSignedBytes(), parsed.Signature));
        Assert.Equal(2, webhook.Requests.Count);
        Assert.All(webhook.Requests, r => Assert.Equal("POST", r.Method));
        Assert.StartsWith("application/json", webhook.Requests[0].ContentType, StringComparison.Ordinal);
        Assert.Equal(lines, webhook.Requests.Select(r => r.Body));
    }

    [Fact]
    public async Task CheckpointAsync_WebhookUnreachable_StillCommitsAndWritesTheFileAnchor()
    {
        var anchorPath = Path.Combine(_context.Store.DataDirectoryPath, "..", "anchor-down.jsonl");
        await DisposeAsync();
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        _context = new AuditTestContext(new AuditOptions { AnchorFilePath = anchorPath, AnchorWebhookUrl = "http://127.0.0.1:1/anchors" });

        await _context.AppendAsync(3);
        var checkpoint = await _context.Trail.CheckpointAsync();
        var next = await _context.Trail.AppendAsync(AuditTestContext.Event(4));

        Assert.Equal(3, checkpoint!.TreeSize);
        Assert.Equal(4, next.Sequence);
        Assert.Equal([checkpoint.ToJson()], File.ReadAllLines(anchorPath));
    }

    [Fact]
    public async Task CheckpointAsync_NothingNew_KeepsTheLastCheckpoint()
    {
        Assert.Null(await _context.Trail.CheckpointAsync());
        await _context.AppendAsync(2);
        var first = await _context.Trail.CheckpointAsync();
        var again = await _context.Trail.CheckpointAsync();

        Assert.Equal(first, again);
        Assert.Single(_context.Repository.GetCheckpoints());
    }

    [Fact]
    public async Task Proofs_ForCommittedEntries_VerifyAgainstTheSignedCheckpoint()
    {
        await _context.AppendAsync(13);
        var checkpoint = (await _context.Trail.CheckpointAsync())!;
        await _context.AppendAsync(8, from: 14);
        var later = (await _context.Trail.CheckpointAsync())!;
        var root = Convert.FromHexString(checkpoint.RootHash);
        var entry = _context.Repository.GetBySequence(9)!;
        var leaf = MerkleHashing.HashLeaf(AuditEntryCanonicalForm.Build(entry, _context.Trail.GetEntry(9)!.Details));

        Assert.True(MerkleHashing.VerifyInclusion(8, 13, leaf, _context.Trail.GetInclusionProof(9, 13), root));
        Assert.True(MerkleHashing.VerifyConsistency(13, 21, root, Convert.FromHexString(later.RootHash), _context.Trail.GetConsistencyProof(13, 21)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _context.Trail.GetInclusionProof(1, 22));
    }

    [Fact]
    public async Task AppendAsync_StoreFails_TellsThePublisherAndKeepsWorkingAfterwards()
    {
        await _context.AppendAsync(2);
        // An entry already holding the next sequence number makes the batch's insert fail (append-only, never overwrite).
        _context.Store.Store.Database.GetCollection("audit_entries").Insert(new BsonDocument { ["_id"] = 3L, ["event_id"] = "intruder", ["type"] = "x" });

        var failure = await Assert.ThrowsAsync<SecurityException>(async () => await _context.Trail.AppendAsync(AuditTestContext.Event(3)));

        Assert.Equal(SecurityErrorCodes.AuditAppendFailed, failure.Code);
        var next = await _context.Trail.AppendAsync(AuditTestContext.Event(4));
        Assert.Equal(4, next.Sequence);
    }

    [Fact]
    public async Task Sink_PublishThenRead_GoesThroughTheTrail()
    {
        var sink = new StoredSecurityEventSink(_context.Trail, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoredSecurityEventSink>.Instance);
        // Fire-and-forget publishing (as hot paths do) is still visible to a reader that asks right after.
        var pending = sink.PublishAsync(AuditTestContext.Event(1, SecurityEventTypes.TokenIssued)).AsTask();

        var read = Assert.Single(await sink.GetRecentAsync(10, SecurityEventTypes.TokenIssued));

        Assert.Equal("target-1", read.Target);
        Assert.Equal(1, _context.Trail.GetTreeHead().TreeSize);
        await pending;
    }
}
