using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Server.Mcp;

/// <summary>Builds tool results: structured content on success; on failure <c>isError</c> with a JSON text
/// <c>{"error": {"code", "message", "details"?}}</c> carrying a stable code and never a stack trace.</summary>
/// <remarks>
/// Errors carry no structured content on purpose: clients validate structured content against the tool's output
/// schema, which describes the success shape.
/// </remarks>
internal static partial class ToolResults
{
    /// <summary>Runs a tool body and maps its outcome.</summary>
    public static async Task<CallToolResult> RunAsync<T>(ILogger logger, string tool, Func<Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return Success(await body());
        }
        catch (SecurityException ex)
        {
            LogRefused(logger, tool, ex.Code);
            return Error(ex.Code, ex.Message, ex.Details);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) // A tool must answer a result with a code, whatever failed; the cause goes to the log.
        {
            LogFailed(logger, tool, ex);
            return Error(SecurityErrorCodes.InternalError, "An unexpected error occurred; the server log has the details.");
        }
    }

    /// <summary>Creates a success result with structured content and the same JSON as text.</summary>
    public static CallToolResult Success<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, WireJson.Options);
        return new CallToolResult
        {
            StructuredContent = element,
            Content = [new TextContentBlock { Text = element.GetRawText() }],
        };
    }

    /// <summary>Creates an error result (with the caller-safe details of the refusal, as the REST envelope has them).</summary>
    public static CallToolResult Error(string code, string message, IReadOnlyDictionary<string, object?>? details = null) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(new ToolError(new ToolErrorBody(code, message, details is { Count: > 0 } ? details : null)), WireJson.Options) }],
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "MCP tool {Tool} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string tool, string code);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, string tool, Exception exception);
}
