using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace McpSecurity.Handoff;

/// <summary>
/// Reads Phase 6 timestamps (naive UTC such as <c>2025-09-30T12:00:00.123456</c>, with <c>Z</c>, or with an offset) and
/// writes them as UTC with <c>Z</c> and microseconds, the precision Phase 6 keeps.
/// </summary>
public sealed partial class HandoffTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string WriteFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be an ISO 8601 string.");
        }

        var text = reader.GetString();
        return TryParse(text, out var value)
            ? value
            : throw new JsonException("A timestamp must be ISO 8601, for example 2025-09-30T12:00:00.123456 (UTC), ...Z or ...+02:00.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>Parses a Phase 6 timestamp; a value without offset is UTC. Returns the instant in UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Iso8601().IsMatch(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>Formats an instant the way this product writes timestamps: UTC, microseconds, <c>Z</c>.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(WriteFormat, CultureInfo.InvariantCulture);

    /// <summary>Cuts an instant to what a written timestamp keeps (UTC, whole microseconds), so stored equals re-read.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % 10), TimeSpan.Zero);
    }

    // Date, 'T', time with optional seconds and 1..7 fractional digits, optional Z or +hh:mm / +hhmm / +hh.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Iso8601();
}
