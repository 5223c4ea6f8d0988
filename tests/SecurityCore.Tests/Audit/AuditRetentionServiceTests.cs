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

    /// <summary>Ten entries a day apart (days 0..9), a checkpoint, then time moves to day 12 with a 5-day retention: days 0..6 go.</summary>
    private async Task<AuditRetentionResult> SeedAndCutAsync()
    {
        for (var day = 0; day < 10; day++)
        {
            await _context.AppendAsync(AuditTestContext.Event(1) with { Id = $"e{day}", OccurredAt = AuditTestContext.Start.AddDays(day) });
        }

        await _context.Audit.Trail.CheckpointAsync();
        _context.RetentionOptions.Period = TimeSpan.FromDays(5);
        _context.Audit.Time.Advance(TimeSpan.FromDays(12));
        return await _context.Retention.CutAsync(ActingPrincipal.LocalOperator);
    }

    [Fact]
    public async Task CutAsync_RemovesOldEntries_KeepsVerifyOk_AndIsAnAuditEvent()
    {
        var result = await SeedAndCutAsync();

        Assert.Equal(7, result.Removed);
        Assert.Equal(8, result.FirstRetainedSequence);
        Assert.Null(_context.Audit.Trail.GetEntry(7));
        Assert.NotNull(_context.Audit.Trail.GetEntry(8));
        var cut = Assert.Single(_context.Audit.Trail.GetRecent(5, SecurityEventTypes.AuditRetentionCut));
        Assert.Equal("8", cut.Details["first_retained_sequence"]);
        var verified = await _context.Verifier.VerifyAsync();
        Assert.True(verified.Ok, verified.Message);
        Assert.Equal(11, verified.TreeSize);
        Assert.True(verified.CheckpointsChecked >= 1);
        // Proofs of retained entries still hold against the checkpoint made before the cut.
        var proof = await _context.Proofs.GetInclusionProofAsync(9, 10, AuditQueryTestContext.Reader);
        Assert.Null(AuditProofChecker.CheckInclusion(proof, _context.Audit.Signer.GetPublicKeys()));
    }

    [Fact]
    public async Task CutAsync_SurvivesRestart_AndASecondCutMovesOn()
    {
        await SeedAndCutAsync();
        await _context.Audit.RestartAsync();
        await _context.AppendAsync(AuditTestContext.Event(50) with { OccurredAt = _context.Audit.Time.GetUtcNow() });
        _context.Audit.Time.Advance(TimeSpan.FromDays(2));

        var second = await _context.Retention.CutAsync(ActingPrincipal.LocalOperator);

        Assert.Equal(2, second.Removed);
        Assert.Equal(10, second.FirstRetainedSequence);
        var verified = await _context.Verifier.VerifyAsync();
        Assert.True(verified.Ok, verified.Message);
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
                    db.GetCollection("audit_entries").Delete(8);
                    break;
                case "delete_cut_record":
                    db.GetCollection("audit_cuts").DeleteAll();
                    break;
                case "edit_cut_record":
                    var cut = db.GetCollection("audit_cuts").FindAll().Single();
                    cut["first_retained_sequence"] = 9L;
                    cut["_id"] = 9L;
                    db.GetCollection("audit_cuts").DeleteAll();
                    db.GetCollection("audit_cuts").Insert(cut);
                    db.GetCollection("audit_entries").Delete(8);
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
        for (var day = 0; day < 3; day++)
        {
            await _context.AppendAsync(AuditTestContext.Event(1) with { Id = $"h{day}", OccurredAt = AuditTestContext.Start.AddDays(day) });
        }

        _context.RetentionOptions.Period = TimeSpan.FromDays(1);
        _context.RetentionOptions.RunInterval = TimeSpan.FromHours(1);
        _context.Audit.Time.Advance(TimeSpan.FromDays(3));
        using var service = new AuditRetentionHostedService(_context.Retention, Options.Create(_context.RetentionOptions), _context.Audit.Time, NullLogger<AuditRetentionHostedService>.Instance);
        await service.StartAsync(CancellationToken.None);
        Assert.NotNull(_context.Audit.Trail.GetEntry(1));

        var cutSeen = false;
        for (var i = 0; i < 200 && !cutSeen; i++)
        {
            _context.Audit.Time.Advance(TimeSpan.FromHours(1));
            await _context.Audit.Trail.FlushAsync();
            cutSeen = _context.Audit.Trail.GetRecent(5, SecurityEventTypes.AuditRetentionCut).Count > 0;
            await Task.Yield();
        }

        await service.StopAsync(CancellationToken.None);
        Assert.True(cutSeen);
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
