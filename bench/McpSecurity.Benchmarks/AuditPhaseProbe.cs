using System.Diagnostics;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

internal static class AuditPhaseProbe
{
    public static void Run()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mcpsec-bench", Guid.NewGuid().ToString("N"));
        using var dirLock = DataDirectoryLock.Acquire(directory);
        using var store = new LiteDbStore(dirLock, NullLogger<LiteDbStore>.Instance);
        using var masterKey = MasterKey.Load(null, dirLock);
        using var protector = new AesGcmSecretProtector(masterKey);
        var codec = new AuditEntryCodec(protector);
        var redaction = new AuditRedactionPolicy(Options.Create(new AuditOptions()), masterKey);
        var repository = new LiteDbAuditRepository(store);
        const int N = 8192;
        var entries = new List<StoredAuditEntry>(N);
        var a0 = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        var prev = AuditEntryCanonicalForm.GenesisHash;
        for (var i = 1; i <= N; i++)
        {
            var details = redaction.Redact(new Dictionary<string, string> { ["cause"] = "wrong_password", ["password"] = "x" });
            var e = new StoredAuditEntry
            {
                Sequence = i, EventId = Guid.NewGuid().ToString("N"), Timestamp = DateTimeOffset.UtcNow, Type = "login_failed", Outcome = "failure",
                SubjectId = "usr_0123456789abcdef0123456789abcdef", Address = "203.0.113.7", Target = "alice", ReasonCode = "AUTH_INVALID_CREDENTIALS",
                RequestId = "req" + i, PrevHash = prev, EntryHash = "",
            };
            var canonical = AuditEntryCanonicalForm.Build(e, details);
            e.EntryHash = AuditEntryCanonicalForm.EntryHash(canonical);
            e.LeafHash = MerkleHashing.HashLeaf(canonical);
            e.EncryptedDetails = codec.Encrypt(e.EventId, details);
            prev = e.EntryHash;
            entries.Add(e);
        }

        Console.WriteLine($"build: {sw.Elapsed.TotalMilliseconds * 1000 / N:F1} us/entry, {(GC.GetTotalAllocatedBytes(true) - a0) / N} B/entry");
        string[][] variants = [[], ["timestamp"], ["timestamp", "type"], ["timestamp", "type", "subject_id"], ["timestamp", "type", "subject_id", "target"],
            ["timestamp", "type", "subject_id", "target", "outcome"], ["timestamp", "type", "subject_id", "target", "outcome", "event_id"], ["event_id"]];
        var v = 0;
        foreach (var variant in variants)
        {
            var col = store.Database.GetCollection<StoredAuditEntry>("probe_" + v++);
            foreach (var field in variant)
            {
                col.EnsureIndex(field, "$." + field, unique: false);
            }

            var list = entries.Take(4096).Select(e => { e.EventId = Guid.NewGuid().ToString("N"); return e; }).ToList();
            a0 = GC.GetTotalAllocatedBytes(true);
            sw.Restart();
            for (var i = 0; i < list.Count; i += 512)
            {
                store.Database.BeginTrans();
                col.InsertBulk(list.GetRange(i, 512));
                store.Database.Commit();
            }

            Console.WriteLine($"[{string.Join(",", variant)}] batch 512: {sw.Elapsed.TotalMilliseconds * 1000 / list.Count:F1} us/entry, {(GC.GetTotalAllocatedBytes(true) - a0) / list.Count} B/entry");
        }

        foreach (var batch in new[] { 1, 128, 1024 })
        {
            var list = entries.Take(2048).Select(e => { e.Sequence += 100_000L * batch; e.EventId = Guid.NewGuid().ToString("N"); return e; }).ToList();
            a0 = GC.GetTotalAllocatedBytes(true);
            sw.Restart();
            for (var i = 0; i < list.Count; i += batch)
            {
                repository.AppendBatch(list.GetRange(i, Math.Min(batch, list.Count - i)), [], null);
            }

            Console.WriteLine($"store batch {batch}: {sw.Elapsed.TotalMilliseconds * 1000 / list.Count:F1} us/entry, {(GC.GetTotalAllocatedBytes(true) - a0) / list.Count} B/entry");
        }
    }
}
