using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.Handoff;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>Compares an original JSON document with what was written back: same meaning, unknown fields intact.</summary>
internal static class JsonSemantics
{
    private static readonly HashSet<string> DefaultStrings = new(StringComparer.Ordinal)
    {
        "phase6_completion", "1.0.0", "draft", "not_started", "pending", "HIPAA", "unknown", "unauthenticated", "neutral",
    };

    /// <summary>
    /// Every field of <paramref name="original"/> is in <paramref name="written"/> with the same meaning (timestamps as
    /// instants, numbers as values); fields only in <paramref name="written"/> hold defaults.
    /// </summary>
    public static void AssertEquivalent(JsonNode? original, JsonNode? written, string path = "$")
    {
        switch (original)
        {
            case null:
                Assert.True(written is null, $"{path}: expected null, got {written?.ToJsonString()}");
                return;
            case JsonObject originalObject:
                var writtenObject = Assert.IsType<JsonObject>(written, exactMatch: false);
                foreach (var (name, value) in originalObject)
                {
                    Assert.True(writtenObject.ContainsKey(name), $"{path}.{name}: missing after the round trip");
                    AssertEquivalent(value, writtenObject[name], $"{path}.{name}");
                }

                foreach (var (name, value) in writtenObject)
                {
                    if (!originalObject.ContainsKey(name))
                    {
                        Assert.True(IsDefault(name, value), $"{path}.{name}: added with a non-default value {value?.ToJsonString()}");
                    }
                }

                return;
            case JsonArray originalArray:
                var writtenArray = Assert.IsType<JsonArray>(written, exactMatch: false);
                Assert.True(originalArray.Count == writtenArray.Count, $"{path}: {originalArray.Count} entries became {writtenArray.Count}");
                for (var i = 0; i < originalArray.Count; i++)
                {
                    AssertEquivalent(originalArray[i], writtenArray[i], $"{path}[{i}]");
                }

                return;
            default:
                var a = original.AsValue();
                Assert.True(written is JsonValue, $"{path}: expected a value, got {written?.ToJsonString()}");
                var b = written!.AsValue();
                Assert.True(a.GetValueKind() == b.GetValueKind(), $"{path}: {a.GetValueKind()} became {b.GetValueKind()}");
                switch (a.GetValueKind())
                {
                    case JsonValueKind.Number:
                        Assert.True(a.GetValue<decimal>() == b.GetValue<decimal>(), $"{path}: {a} became {b}");
                        break;
                    case JsonValueKind.String:
                        var sa = a.GetValue<string>();
                        var sb = b.GetValue<string>();
                        if (HandoffTimestampConverter.TryParse(sa, out var ta) && HandoffTimestampConverter.TryParse(sb, out var tb))
                        {
                            Assert.True(ta == tb, $"{path}: instant {sa} became {sb}");
                            Assert.EndsWith("Z", sb, StringComparison.Ordinal);
                        }
                        else
                        {
                            Assert.True(sa == sb, $"{path}: '{sa}' became '{sb}'");
                        }

                        break;
                    default:
                        Assert.True(JsonNode.DeepEquals(a, b), $"{path}: {a.ToJsonString()} became {b.ToJsonString()}");
                        break;
                }

                return;
        }
    }

    private static bool IsDefault(string name, JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0 || (name == "sign_offs_required" && array.Select(n => n!.GetValue<string>()).SequenceEqual(["developer", "tech_lead", "qa_engineer"])),
        JsonObject obj => obj.All(p => IsDefault(p.Key, p.Value)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => v.GetValue<decimal>() == 0,
            JsonValueKind.False => true,
            JsonValueKind.String => DefaultStrings.Contains(v.GetValue<string>()),
            _ => false,
        },
        _ => false,
    };

    /// <summary>Every string that reads as a timestamp is written as UTC with Z.</summary>
    public static void AssertTimestampsUtc(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    AssertTimestampsUtc(value, $"{path}.{name}");
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    AssertTimestampsUtc(a[i], $"{path}[{i}]");
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                if (HandoffTimestampConverter.TryParse(s, out _) && !path.Contains("x_", StringComparison.Ordinal))
                {
                    Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", s);
                }

                break;
        }
    }
}
