using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Reads tool results the way a client would.</summary>
public static class McpToolResults
{
    /// <summary>Gets the structured content of a successful call.</summary>
    public static JsonElement Structured(this CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.NotEqual(true, result.IsError);
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }

    /// <summary>Gets the error code of a failed call (its text content is <c>{"error": {"code", "message"}}</c>).</summary>
    public static string ErrorCode(this CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error.GetProperty("code").GetString()!;
    }
}
