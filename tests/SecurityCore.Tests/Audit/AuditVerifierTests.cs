using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Audit;

/// <summary>Each test changes the LiteDB file directly, as an intruder with file access would, and expects the exact place.</summary>
public sealed class AuditVerifierTests : IAsyncDisposable
{
    private const string Entries = "audit_entries";
    private AuditTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private async Task<AuditVerificationResult> VerifyAsync(string? anchorPath = null) =>
        await _context.CreateVerifier().VerifyAsync(anchorPath is null ? null : new AuditVerificationRequest { AnchorFilePath = anchorPath });

    private async Task SeedAsync(int count = 10, bool checkpoint = true)
    {
        // One at a time, so that each entry is its own batch (the concurrent path is covered elsewhere).
        for (var i = 1; i <= count; i++)
        {
            await _context.Trail.AppendAsync(AuditTestContext.Event(i));
        }

        if (checkpoint)
        {
            await _context.Trail.CheckpointAsync();
        }
    }

    [Fact]
    public async Task VerifyAsync_UntouchedTrail_IsOk()
    {
        await SeedAsync();
        await _context.AppendAsync(3, from: 11);

        var result = await VerifyAsync();

        Assert.True(result.Ok, result.Message);
        Assert.Null(result.Code);
        Assert.Null(result.FirstBadSequence);
        Assert.Equal(13, result.EntriesChecked);
        Assert.Equal(1, result.CheckpointsChecked);
        Assert.Equal(3, result.UnsignedEntries);
        Assert.Equal(_context.Trail.GetTreeHead().RootHash, result.RootHash);
    }

    [Fact]
    public async Task VerifyAsync_EmptyTrail_IsOk()
    {
        var result = await VerifyAsync();

        Assert.True(result.Ok);
        Assert.Equal(0, result.TreeSize);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", result.RootHash);
    }

    [Theory]
    [InlineData("outcome", "success")]
    [InlineData("type", "login_succeeded")]
    [InlineData("subject_id", "usr_admin")]
    [InlineData("target", "other")]
    [InlineData("timestamp", 0L)]
    public async Task VerifyAsync_FieldEdited_ReportsEntryHashMismatchAtThatEntry(string field, object value)
    {
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            var entries = db.GetCollection(Entries);
            var doc = entries.FindById(5);
            doc[field] = value is long l ? new BsonValue(l) : new BsonValue((string)value);
            entries.Update(doc);
        });

        var result = await VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(SecurityErrorCodes.AuditEntryHashMismatch, result.Code);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Fact]
    public async Task VerifyAsync_DetailsCiphertextEdited_ReportsMalformedAtThatEntry()
    {
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            var entries = db.GetCollection(Entries);
            var doc = entries.FindById(3);
            var bytes = doc["encrypted_details"].AsBinary;
            bytes[^1] ^= 1;
            doc["encrypted_details"] = bytes;
            entries.Update(doc);
        });

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditEntryMalformed, result.Code);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryDeleted_ReportsTheMissingSequenceNumber()
    {
        await SeedAsync();
        await _context.EditFileAsync(db => db.GetCollection(Entries).Delete(6));

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditSequenceGap, result.Code);
        Assert.Equal(6, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_EntryInserted_ReportsTheInsertedPosition()
    {
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            // Make room at 5 by moving 5..10 up by one, then put a copy of entry 4 there.
            var entries = db.GetCollection(Entries);
            for (long id = 10; id >= 5; id--)
            {
                var doc = entries.FindById(id);
                entries.Delete(id);
                doc["_id"] = id + 1;
                entries.Insert(doc);
            }

            var forged = entries.FindById(4);
            forged["_id"] = 5L;
            forged["event_id"] = "forged-event";
            entries.Insert(forged);
        });

        var result = await VerifyAsync();

        Assert.False(result.Ok);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains(result.Code, new[] { SecurityErrorCodes.AuditEntryHashMismatch, SecurityErrorCodes.AuditEntryMalformed });
    }

    [Fact]
    public async Task VerifyAsync_WellForgedEntryInserted_ReportsTheEntryAfterItAsBrokenChain()
    {
        await SeedAsync();
        // The intruder knows the scheme and computes a valid hash for the forged entry (without details, so no key is needed).
        var previous = _context.Repository.GetBySequence(4)!;
        var forged = new StoredAuditEntry
        {
            Sequence = 5, EventId = "forged", Timestamp = previous.Timestamp, Type = "login_succeeded", Outcome = "success",
            SubjectId = "usr_intruder", PrevHash = previous.EntryHash, EntryHash = "",
        };
        forged.EntryHash = AuditEntryCanonicalForm.EntryHash(AuditEntryCanonicalForm.Build(forged, new Dictionary<string, string>()));
        await _context.EditFileAsync(db =>
        {
            var entries = db.GetCollection(Entries);
            for (long id = 10; id >= 5; id--)
            {
                var doc = entries.FindById(id);
                entries.Delete(id);
                doc["_id"] = id + 1;
                entries.Insert(doc);
            }

            entries.Insert(new BsonDocument
            {
                ["_id"] = 5L, ["event_id"] = forged.EventId, ["timestamp"] = forged.Timestamp.UtcTicks, ["type"] = forged.Type,
                ["outcome"] = forged.Outcome, ["subject_id"] = forged.SubjectId, ["roles"] = new BsonArray(), ["prev_hash"] = forged.PrevHash,
                ["entry_hash"] = forged.EntryHash,
            });
        });

        var result = await VerifyAsync();

        Assert.False(result.Ok);
        // Entry 5 hashes correctly, but its Merkle leaf is not the stored one: the tree pins it.
        Assert.Equal(SecurityErrorCodes.AuditLeafMismatch, result.Code);
        Assert.Equal(5, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_TwoEntriesSwapped_ReportsTheFirstOfThem()
    {
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            var entries = db.GetCollection(Entries);
            var a = entries.FindById(7);
            var b = entries.FindById(8);
            entries.Delete(7);
            entries.Delete(8);
            a["_id"] = 8L;
            b["_id"] = 7L;
            entries.Insert(b);
            entries.Insert(a);
        });

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditEntryHashMismatch, result.Code);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_TailCut_StoredCheckpointReportsTheFirstRemovedEntry()
    {
        await SeedAsync();
        await _context.EditFileAsync(db => db.GetCollection(Entries).DeleteMany("$._id >= 8"));

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditTailTruncated, result.Code);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Equal(7, result.EntriesChecked);
    }

    [Fact]
    public async Task VerifyAsync_TailAndItsCheckpointsCut_TheExportedAnchorStillReportsIt()
    {
        var anchorPath = Path.Combine(_context.Store.DataDirectoryPath, "..", "anchor.jsonl");
        await DisposeAsync();
        _context = new AuditTestContext(new AuditOptions { AnchorFilePath = anchorPath });
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            db.GetCollection(Entries).DeleteMany("$._id >= 8");
            db.GetCollection("audit_checkpoints").DeleteAll();
            db.GetCollection("audit_leaves").DeleteAll();
        });

        var withoutAnchor = await VerifyAsync(anchorPath: Path.Combine(_context.Store.DataDirectoryPath, "..", "empty.jsonl"));
        var withAnchor = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditAnchorUnreadable, withoutAnchor.Code);
        Assert.Equal(SecurityErrorCodes.AuditTailTruncated, withAnchor.Code);
        Assert.Equal(8, withAnchor.FirstBadSequence);
        Assert.Equal(1, withAnchor.AnchorsChecked);
    }

    [Fact]
    public async Task VerifyAsync_CheckpointRootEdited_ReportsAnInvalidSignature()
    {
        await SeedAsync();
        await _context.EditFileAsync(db =>
        {
            var checkpoints = db.GetCollection("audit_checkpoints");
            var doc = checkpoints.FindById(10L);
            doc["root_hash"] = new string('a', 64);
            checkpoints.Update(doc);
        });

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditCheckpointSignatureInvalid, result.Code);
        Assert.Equal(10, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_WholeChainAndLeavesRewritten_TheSignedRootCatchesIt()
    {
        await SeedAsync();
        // The intruder rewrites entry 3 and recomputes every later hash and every stored leaf, but cannot re-sign.
        var rewritten = new List<StoredAuditEntry>();
        var previous = AuditEntryCanonicalForm.GenesisHash;
        var leaves = new List<byte[]>();
        foreach (var stored in _context.Repository.ReadFrom(1))
        {
            var details = _context.Trail.GetEntry(stored.Sequence)!.Details;
            if (stored.Sequence == 3)
            {
                stored.Outcome = "success";
            }

            stored.PrevHash = previous;
            var canonical = AuditEntryCanonicalForm.Build(stored, details);
            stored.EntryHash = AuditEntryCanonicalForm.EntryHash(canonical);
            previous = stored.EntryHash;
            leaves.Add(MerkleHashing.HashLeaf(canonical));
            rewritten.Add(stored);
        }

        await _context.EditFileAsync(db =>
        {
            var entries = db.GetCollection(Entries);
            foreach (var stored in rewritten)
            {
                var doc = entries.FindById(stored.Sequence);
                doc["outcome"] = stored.Outcome;
                doc["prev_hash"] = stored.PrevHash;
                doc["entry_hash"] = stored.EntryHash;
                doc["leaf_hash"] = leaves[(int)stored.Sequence - 1];
                entries.Update(doc);
            }
        });

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditCheckpointRootMismatch, result.Code);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_AfterTamperingAndRestart_StillReportsIt()
    {
        await SeedAsync();
        await _context.EditFileAsync(db => db.GetCollection(Entries).Delete(2));
        await _context.AppendAsync(2, from: 11);

        var result = await VerifyAsync();

        Assert.Equal(SecurityErrorCodes.AuditSequenceGap, result.Code);
        Assert.Equal(2, result.FirstBadSequence);
    }
}
