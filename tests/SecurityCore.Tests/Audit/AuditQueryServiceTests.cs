using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditQueryServiceTests : IAsyncDisposable
{
    private readonly AuditQueryTestContext _context = new();

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static SecurityEvent Event(int i, string type, string outcome, string subject, string target, Dictionary<string, string>? details = null) => new()
    {
        Type = type,
        OccurredAt = AuditTestContext.Start.AddMinutes(i),
        Outcome = outcome,
        SubjectId = subject,
        Target = target,
        Details = details ?? new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>40 entries, one a minute: types alternate login_failed/token_issued, subjects usr_0..usr_3, targets t0..t4, every third a success.</summary>
    private async Task SeedAsync(int count = 40)
    {
        for (var i = 0; i < count; i++)
        {
            await _context.AppendAsync(Event(i, i % 2 == 0 ? SecurityEventTypes.LoginFailed : SecurityEventTypes.TokenIssued,
                i % 3 == 0 ? SecurityEventOutcomes.Success : SecurityEventOutcomes.Failure, $"usr_{i % 4}", $"t{i % 5}",
                i == 17 ? new Dictionary<string, string> { ["client_name"] = "Needle Reporting Agent" } : null));
        }
    }

    private async Task<List<AuditEntry>> AllAsync(AuditQuery query)
    {
        var all = new List<AuditEntry>();
        var page = await _context.Query.QueryAsync(query, AuditQueryTestContext.Reader);
        all.AddRange(page.Entries);
        while (page.NextCursor is not null)
        {
            page = await _context.Query.QueryAsync(query with { Cursor = page.NextCursor }, AuditQueryTestContext.Reader);
            all.AddRange(page.Entries);
        }

        return all;
    }

    [Fact]
    public async Task QueryAsync_NoFilter_ReturnsNewestFirstWithoutReadEvents()
    {
        await SeedAsync();

        var page = await _context.Query.QueryAsync(new AuditQuery { Limit = 5 }, AuditQueryTestContext.Reader);

        Assert.Equal([40L, 39, 38, 37, 36], page.Entries.Select(e => e.Sequence));
        Assert.NotNull(page.NextCursor);
        Assert.Equal(40, page.AsOfSequence);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("actor")]
    [InlineData("outcome")]
    [InlineData("target")]
    [InlineData("time")]
    public async Task QueryAsync_EachFilter_ReturnsExactlyTheMatchingEntries(string filter)
    {
        await SeedAsync();
        var from = AuditTestContext.Start.AddMinutes(10);
        var to = AuditTestContext.Start.AddMinutes(20);
        var query = filter switch
        {
            "type" => new AuditQuery { Type = SecurityEventTypes.TokenIssued, Limit = 7 },
            "actor" => new AuditQuery { Actor = "usr_2", Limit = 3 },
            "outcome" => new AuditQuery { Outcome = SecurityEventOutcomes.Success, Limit = 4 },
            "target" => new AuditQuery { Target = "t3", Limit = 2 },
            _ => new AuditQuery { From = from, To = to, Limit = 3 },
        };
        Func<int, bool> expected = filter switch
        {
            "type" => i => i % 2 == 1,
            "actor" => i => i % 4 == 2,
            "outcome" => i => i % 3 == 0,
            "target" => i => i % 5 == 3,
            _ => i => i >= 10 && i < 20,
        };

        var all = await AllAsync(query);

        var want = Enumerable.Range(0, 40).Where(expected).Select(i => (long)i + 1).Reverse().ToList();
        Assert.Equal(want, all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task QueryAsync_CombinedFilters_AllMustMatch()
    {
        await SeedAsync();

        var all = await AllAsync(new AuditQuery
        {
            Type = SecurityEventTypes.LoginFailed, Outcome = SecurityEventOutcomes.Failure, From = AuditTestContext.Start.AddMinutes(5), To = AuditTestContext.Start.AddMinutes(30), Limit = 2,
        });

        var want = Enumerable.Range(5, 25).Where(i => i % 2 == 0 && i % 3 != 0).Select(i => (long)i + 1).Reverse().ToList();
        Assert.Equal(want, all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task QueryAsync_PagesWithAppendsInBetween_NoDuplicatesNoSkipsNoNewEntries()
    {
        await SeedAsync();
        var query = new AuditQuery { Type = SecurityEventTypes.LoginFailed, Limit = 6 };
        var seen = new List<long>();
        var page = await _context.Query.QueryAsync(query, AuditQueryTestContext.Reader);
        seen.AddRange(page.Entries.Select(e => e.Sequence));
        var appended = 100;
        while (page.NextCursor is not null)
        {
            // Newer entries of the same type arrive between pages, and one with an old timestamp.
            await _context.AppendAsync(Event(appended++, SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, "usr_9", "t9"));
            await _context.AppendAsync(Event(3, SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, "usr_9", "late"));
            page = await _context.Query.QueryAsync(query with { Cursor = page.NextCursor }, AuditQueryTestContext.Reader);
            Assert.Equal(40, page.AsOfSequence);
            seen.AddRange(page.Entries.Select(e => e.Sequence));
        }

        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 2 == 0).Select(i => (long)i + 1).Reverse(), seen);
    }

    [Fact]
    public async Task QueryAsync_Text_MatchesFieldsAndDecryptedDetailsCaseInsensitively()
    {
        await SeedAsync();

        var byDetail = await AllAsync(new AuditQuery { Text = "needle reporting" });
        var byTarget = await AllAsync(new AuditQuery { Text = "T4", Type = SecurityEventTypes.LoginFailed });
        var none = await AllAsync(new AuditQuery { Text = "no such thing anywhere" });

        Assert.Equal([18L], byDetail.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 2 == 0 && i % 5 == 4).Select(i => (long)i + 1).Reverse(), byTarget.Select(e => e.Sequence));
        Assert.Empty(none);
    }

    [Fact]
    public async Task QueryAsync_RecordsWhoReadWithWhichFilter_OncePerWindow_TextHashed()
    {
        await SeedAsync(5);
        var query = new AuditQuery { Type = SecurityEventTypes.LoginFailed, Text = "Jane Patient" };

        await _context.Query.QueryAsync(query, AuditQueryTestContext.Reader);
        await _context.Query.QueryAsync(query, AuditQueryTestContext.Reader);
        _context.Audit.Time.Advance(AuditReadRecorder.CoalesceWindow);
        await _context.Query.QueryAsync(query, AuditQueryTestContext.Reader);

        var reads = _context.Audit.Trail.GetRecent(100, SecurityEventTypes.AuditRead);
        Assert.Equal(2, reads.Count);
        var read = reads[0];
        Assert.Equal("usr_auditor", read.Actor.SubjectId);
        Assert.Equal("10.0.0.7", read.Actor.Address);
        Assert.Equal("query", read.Details["operation"]);
        Assert.Equal(SecurityEventTypes.LoginFailed, read.Details["filter_type"]);
        Assert.Equal("12", read.Details["filter_text_length"]);
        Assert.DoesNotContain(read.Details.Values, v => v.Contains("Jane", StringComparison.OrdinalIgnoreCase));
        // Reads of the trail are not shown by a plain query (no feedback), only when asked for.
        var plain = await _context.Query.QueryAsync(new AuditQuery(), AuditQueryTestContext.Reader);
        Assert.DoesNotContain(plain.Entries, e => e.Type == SecurityEventTypes.AuditRead);
        var asked = await _context.Query.QueryAsync(new AuditQuery { Type = SecurityEventTypes.AuditRead }, AuditQueryTestContext.Reader);
        Assert.NotEmpty(asked.Entries);
    }

    [Fact]
    public async Task QueryAsync_CursorOfAnotherFilter_IsRefused()
    {
        await SeedAsync();
        var page = await _context.Query.QueryAsync(new AuditQuery { Type = SecurityEventTypes.LoginFailed, Limit = 2 }, AuditQueryTestContext.Reader);

        var other = await Assert.ThrowsAsync<SecurityException>(() => _context.Query.QueryAsync(new AuditQuery { Type = SecurityEventTypes.TokenIssued, Cursor = page.NextCursor }, AuditQueryTestContext.Reader));
        var garbage = await Assert.ThrowsAsync<SecurityException>(() => _context.Query.QueryAsync(new AuditQuery { Cursor = "not-a-cursor" }, AuditQueryTestContext.Reader));

        Assert.Equal(SecurityErrorCodes.AuditCursorInvalid, other.Code);
        Assert.Equal(SecurityErrorCodes.AuditCursorInvalid, garbage.Code);
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(501, null, null)]
    [InlineData(10, "maybe", null)]
    [InlineData(10, null, " ")]
    public async Task QueryAsync_BadInput_IsRefusedNamingTheField(int limit, string? outcome, string? text)
    {
        var ex = await Assert.ThrowsAsync<SecurityException>(() => _context.Query.QueryAsync(new AuditQuery { Limit = limit, Outcome = outcome, Text = text }, AuditQueryTestContext.Reader));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
        Assert.Contains(limit is < 1 or > 500 ? "'limit'" : outcome is not null ? "'outcome'" : "'text'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_LongTarget_IsIndexedByPrefixAndMatchedExactly()
    {
        var longTarget = new string('x', 300);
        await _context.AppendAsync(Event(1, SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, "usr_1", longTarget));
        await _context.AppendAsync(Event(2, SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, "usr_1", longTarget + "y"));

        var all = await AllAsync(new AuditQuery { Target = longTarget });

        Assert.Equal([1L], all.Select(e => e.Sequence));
    }
}
