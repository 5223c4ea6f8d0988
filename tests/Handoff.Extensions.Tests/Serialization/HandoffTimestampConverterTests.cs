using McpSecurity.Handoff;

namespace McpSecurity.Tests.Handoff.Serialization;

public sealed class HandoffTimestampConverterTests
{
    [Theory]
    [InlineData("2025-09-30T12:00:00.123456", "2025-09-30T12:00:00.123456Z")]
    [InlineData("2025-09-30T12:00:00", "2025-09-30T12:00:00.000000Z")]
    [InlineData("2025-09-30T12:00", "2025-09-30T12:00:00.000000Z")]
    [InlineData("2025-09-30T12:00:00.5Z", "2025-09-30T12:00:00.500000Z")]
    [InlineData("2025-09-30T14:00:00.123456+02:00", "2025-09-30T12:00:00.123456Z")]
    [InlineData("2025-09-30T07:00:00-05:00", "2025-09-30T12:00:00.000000Z")]
    [InlineData("2025-09-30T17:30:00+0530", "2025-09-30T12:00:00.000000Z")]
    [InlineData("2025-09-30T12:00:00.1234567Z", "2025-09-30T12:00:00.123456Z")]
    public void TryParse_AcceptedForm_IsReadAsUtcAndWrittenWithZ(string input, string expected)
    {
        Assert.True(HandoffTimestampConverter.TryParse(input, out var value));
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expected, HandoffTimestampConverter.Format(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("09/30/2025 12:00")]
    [InlineData("2025-09-30")]
    [InlineData("2025-09-30 12:00:00")]
    [InlineData("2025-13-30T12:00:00")]
    [InlineData("2025-09-30T25:00:00")]
    [InlineData("2025-09-30T12:00:00.12345678Z")]
    public void TryParse_NotIso8601_IsRefused(string input)
    {
        Assert.False(HandoffTimestampConverter.TryParse(input, out _));
    }

    [Fact]
    public void Normalize_SubMicrosecondTicks_AreCutSoAWrittenValueReadsBackEqual()
    {
        var value = new DateTimeOffset(2025, 9, 30, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

        var normalized = HandoffTimestampConverter.Normalize(value);

        Assert.True(HandoffTimestampConverter.TryParse(HandoffTimestampConverter.Format(normalized), out var reread));
        Assert.Equal(normalized, reread);
        Assert.Equal(TimeSpan.Zero, normalized.Offset);
        Assert.Equal(value.UtcTicks - 7, normalized.UtcTicks);
    }
}
