using LiteDB;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditRetentionServiceTests : IAsyncDisposable
{
    private readonly AuditQueryTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Appends entries <paramref name="from"/>..<paramref name="to"/>, entry i at Start + i minutes (concurrently: group commit).</summary>
    private async Task AppendMinutesAsync(int from, int to)
    {
        await Task.WhenAll(Enumerable.Range(from, to - from + 1).Select(i =>
            _context.AppendAsync(AuditTestContext.Event(i) with { OccurredAt = AuditTestContext.Start.AddMinutes(i) })));
    }

    /// <summary>1500 entries a minute apart (25 hours), a checkpoint, then two days later a one-hour retention: everything is old,
    /// but only whole leaf chunks go, so entries 1 to 1024 are cut.</summary>
    private async Task<AuditRetentionResult> SeedAndCutAsync()
    {
        await AppendMinutesAsync(1, 1500);
        await _context.Audit.Trail.CheckpointAsync();
        _context.RetentionOptions.Period = TimeSpan.FromHours(1);
        _context.Audit.Time.Advance(TimeSpan.FromDays(2));
        return await _context.Retention.CutAsync(ActingPrincipal.LocalOperator);
    }

    [Fact]
    public async Task CutAsync_RemovesOldEntries_KeepsVerifyOk_AndIsAnAuditEvent()
    {
        var result = await SeedAndCutAsync();

        Assert.Equal(1024, result.Removed);
        Assert.Equal(1025, result.FirstRetainedSequence);
        Assert.Null(_context.Audit.Trail.GetEntry(1024));
        Assert.NotNull(_context.Audit.Trail.GetEntry(1025));
        var cut = Assert.Single(_context.Audit.Trail.GetRecent(5, SecurityEventTypes.AuditRetentionCut));
        Assert.Equal("1025", cut.Details["first_retained_sequence"]);
        var verified = await _context.Verifier.VerifyAsync();
        Assert.True(verified.Ok, verified.Message);
        Assert.Equal(1501, verified.TreeSize);
        Assert.True(verified.CheckpointsChecked >= 1);
        // Proofs of retained entries still hold against the checkpoint made before the cut.
        var proof = await _context.Proofs.GetInclusionProofAsync(1100, 1500, AuditQueryTestContext.Reader);
        Assert.Null(AuditProofChecker.CheckInclusion(proof, _context.Audit.Signer.GetPublicKeys()));
    }

    [Fact]
    public async Task CutAsync_SurvivesRestart_AndASecondCutMovesOn()
    {
        await SeedAndCutAsync();
        await _context.Audit.RestartAsync();
        await AppendMinutesAsync(1501, 2100);
        // The first cut's own event (entry 1501, recorded at the cut) must age past the retention too.
        _context.Audit.Time.Advance(TimeSpan.FromHours(2));

        var second = await _context.Retention.CutAsync(ActingPrincipal.LocalOperator);

        Assert.Equal(1024, second.Removed);
        Assert.Equal(2049, second.FirstRetainedSequence);
        var verified = await _context.Verifier.VerifyAsync();
        Assert.True(verified.Ok, verified.Message);
        await _context.Audit.RestartAsync();
        Assert.True((await _context.Verifier.VerifyAsync()).Ok);
    }

    [Fact]
    public async Task CutAsync_NothingOldEnough_RemovesNothing_AndKeepsTheNewestEntry()
    {
        await _context.AppendAsync(AuditTestContext.Event(1));
        _context.Audit.Time.Advance(TimeSpan.FromDays(10_000));

        var result = await _context.Retention.CutAsync(ActingPrincipal.LocalOperator);

        Assert.Equal(0, result.Removed);
        Assert.NotNull(_context.Audit.Trail.GetEntry(1));
    }

    [Theory]
    [InlineData("delete_first_retained")]
    [InlineData("delete_cut_record")]
    [InlineData("edit_cut_record")]
    [InlineData("edit_removed_leaf")]
    public async Task Verify_AfterCut_DeletingMoreOrForgingTheCut_IsDetected(string tamper)
    {
        await SeedAndCutAsync();

        await _context.Audit.EditFileAsync(db =>
        {
            switch (tamper)
            {
                case "delete_first_retained":
                    db.GetCollection("audit_entries").Delete(1025);
                    break;
                case "delete_cut_record":
                    db.GetCollection("audit_cuts").DeleteAll();
                    break;
                case "edit_cut_record":
                    var cut = db.GetCollection("audit_cuts").FindAll().Single();
                    cut["_id"] = 1026L;
                    db.GetCollection("audit_cuts").DeleteAll();
                    db.GetCollection("audit_cuts").Insert(cut);
                    db.GetCollection("audit_entries").Delete(1025);
                    break;
                default:
                    var chunk = db.GetCollection("audit_leaves").FindById(0);
                    var hashes = chunk["hashes"].AsBinary;
                    hashes[40] ^= 1;
                    chunk["hashes"] = hashes;
                    db.GetCollection("audit_leaves").Update(chunk);
                    break;
            }
        });

        var result = await _context.Verifier.VerifyAsync();

        Assert.False(result.Ok);
        var expected = tamper switch
        {
            "delete_first_retained" or "delete_cut_record" => SecurityErrorCodes.AuditSequenceGap,
            _ => SecurityErrorCodes.AuditRetentionCutInvalid,
        };
        Assert.Equal(expected, result.Code);
    }

    [Fact]
    public async Task HostedService_RunsTheCutOnItsSchedule()
    {
        await AppendMinutesAsync(1, 1100);
        _context.RetentionOptions.Period = TimeSpan.FromDays(1);
        _context.RetentionOptions.RunInterval = TimeSpan.FromHours(1);
        _context.Audit.Time.Advance(TimeSpan.FromDays(3));
        var recording = new Fakes.RecordingSecurityEventSink();
        using var retention = new AuditRetentionService(_context.Audit.Trail, _context.Audit.Repository, _context.Cuts, _context.Audit.Signer, recording,
            Options.Create(_context.RetentionOptions), _context.Audit.Time, NullLogger<AuditRetentionService>.Instance);
        using var service = new AuditRetentionHostedService(retention, Options.Create(_context.RetentionOptions), _context.Audit.Time, NullLogger<AuditRetentionHostedService>.Instance);
        var cut = recording.NextAsync(SecurityEventTypes.AuditRetentionCut);
        await service.StartAsync(CancellationToken.None);
        await service.Scheduled.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(cut.IsCompleted);
        Assert.NotNull(_context.Audit.Trail.GetEntry(1));

        _context.Audit.Time.Advance(TimeSpan.FromHours(1));
        var cutEvent = await cut.WaitAsync(TimeSpan.FromSeconds(60));

        await service.StopAsync(CancellationToken.None);
        Assert.Equal("1025", cutEvent.Details["first_retained_sequence"]);
        Assert.Equal(AuditRetentionHostedService.ActorId, cutEvent.SubjectId);
        Assert.Null(_context.Audit.Trail.GetEntry(1));
    }

    [Theory]
    [InlineData(0.5, 1440, "AuditRetention:Period")]
    [InlineData(2192, 0.5, "AuditRetention:RunInterval")]
    public void Validator_BadValues_NameTheKey(double periodDays, double intervalMinutes, string key)
    {
        var result = new AuditRetentionOptionsValidator().Validate(null, new AuditRetentionOptions
        {
            Period = TimeSpan.FromDays(periodDays),
            RunInterval = TimeSpan.FromMinutes(intervalMinutes),
        });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(2192), new AuditRetentionOptions().Period);
    }
}
