using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class JsonCanonicalizerTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their ES6 serialisations.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB_MatchesEs6(ulong bits, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Theory]
    [InlineData(0x7fffffffffffffffUL)]
    [InlineData(0x7ff0000000000000UL)]
    [InlineData(0xfff0000000000000UL)]
    public void FormatNumber_NaNOrInfinity_Throws(ulong bits)
    {
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.FormatNumber(BitConverter.UInt64BitsToDouble(bits)));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(-42.0, "-42")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(1e30, "1e+30")]
    [InlineData(1e-27, "1e-27")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    public void FormatNumber_CommonValues_MatchEs6(double value, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void Canonicalize_Rfc8785Section323Example_MatchesTheRfcOutput()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));
        Assert.Equal(expected, JsonCanonicalizer.CanonicalizeToString(JsonNode.Parse(input)));
    }

    [Fact]
    public void Canonicalize_Rfc8785Section324Example_SortsByUtf16CodeUnits()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        using var document = JsonDocument.Parse(input);

        var output = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(document.RootElement));

        var values = JsonNode.Parse(output)!.AsObject().Select(p => p.Value!.GetValue<string>()).ToArray();
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_NodeBuiltFromClrValues_EqualsTheParsedForm()
    {
        var node = new JsonObject
        {
            ["z"] = 1,
            ["a"] = new JsonArray(1.5, 2L, 3m, "x"),
            ["m"] = new JsonObject { ["b"] = true, ["a"] = null },
            ["s"] = "tab\there \u2028 <é>",
        };

        var fromNode = JsonCanonicalizer.CanonicalizeToString(node);
        var fromText = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(node.ToJsonString())));

        Assert.Equal("{\"a\":[1.5,2,3,\"x\"],\"m\":{\"a\":null,\"b\":true},\"s\":\"tab\\there \u2028 <é>\",\"z\":1}", fromNode);
        Assert.Equal(fromNode, fromText);
    }

    [Fact]
    public void Canonicalize_ControlCharacters_UseShortFormsOrLowercaseUnicodeEscapes()
    {
        var node = JsonValue.Create("\b\f\n\r\t\u0001\u001f\"\\/");

        Assert.Equal("\"\\b\\f\\n\\r\\t\\u0001\\u001f\\\"\\\\/\"", JsonCanonicalizer.CanonicalizeToString(node));
    }

    [Fact]
    public void Canonicalize_DuplicateMemberNames_Throws()
    {
        using var document = JsonDocument.Parse("{\"a\":1,\"a\":2}");

        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(document.RootElement));
    }

    [Fact]
    public void Canonicalize_LoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create("a\ud800b")));
    }

    [Fact]
    public void Canonicalize_WhitespaceAndMemberOrder_DoNotChangeTheBytes()
    {
        var a = JsonCanonicalizer.Canonicalize("{ \"b\" : [ 1 , 2 ], \"a\" : { \"y\": 1e2, \"x\": \"v\" } }"u8);
        var b = JsonCanonicalizer.Canonicalize("{\"a\":{\"x\":\"v\",\"y\":100},\"b\":[1,2]}"u8);

        Assert.Equal(a, b);
        Assert.Equal("{\"a\":{\"x\":\"v\",\"y\":100},\"b\":[1,2]}", Encoding.UTF8.GetString(a));
    }
}
