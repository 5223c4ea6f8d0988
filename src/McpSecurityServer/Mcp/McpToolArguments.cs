using System.Globalization;
using System.Reflection;
using System.Text.Json;
using McpSecurity.SecurityCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// Answers arguments the SDK cannot bind to a tool's parameters (a wrong JSON type, a number out of range, a missing
/// required argument) with <c>VALIDATION_FAILED</c> naming the argument and what it expects, instead of the SDK's bare
/// "An error occurred invoking ...". The argument's value is never repeated: it may be a secret. Before the call, an
/// argument the tool does not have, or null for a true/false or number argument, is refused the same way.
/// </summary>
/// <remarks>
/// Binding failures surface as <see cref="JsonException"/> (a value that does not convert) or <see cref="ArgumentException"/>
/// (a missing required argument) from Microsoft.Extensions.AI, before the tool's method runs. Either type can also come
/// from a bug, so the call counts as a binding failure only when its arguments, bound again the same way, really fail;
/// anything else keeps propagating to the SDK's generic answer.
/// </remarks>
internal static partial class McpToolArguments
{
    /// <summary>The <c>tools/call</c> filter; registered after authorization so it wraps only the tool's invocation.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is McpServerTool matched && FindRefused(matched, context.Params?.Arguments) is { } refused)
            {
                var services = context.Services ?? context.Server.Services!;
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolArguments).FullName!);
                // An unknown name is the caller's own text: shown back to it, never logged.
                LogUnbound(logger, matched.ProtocolTool.Name, refused.Known ? refused.Argument : "(not an argument of the tool)");
                return ToolResults.Error(SecurityErrorCodes.ValidationFailed, $"'{refused.Argument}' {refused.Rule}.", Field(refused.Argument));
            }

            try
            {
                return await next(context, cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException
                && context.MatchedPrimitive is McpServerTool tool
                && FindUnbound(tool, context.Params?.Arguments) is { } unbound)
            {
                var services = context.Services ?? context.Server.Services!;
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolArguments).FullName!);
                LogUnbound(logger, tool.ProtocolTool.Name, unbound.Argument);
                return ToolResults.Error(SecurityErrorCodes.ValidationFailed, $"'{unbound.Argument}' {unbound.Rule}.", Field(unbound.Argument));
            }
        };

    /// <summary>
    /// Finds an argument the binder would take silently though the caller surely meant something else: a name the tool does
    /// not have (a misspelt <c>dry_run</c> would otherwise consume), or null for a true/false or number argument (which
    /// would otherwise become false or 0). Null when there is none.
    /// </summary>
    private static (string Argument, string Rule, bool Known)? FindRefused(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is not { Count: > 0 }
            || tool.ProtocolTool.InputSchema.ValueKind != JsonValueKind.Object
            || !tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out _))
            {
                var known = properties.EnumerateObject().Select(p => p.Name).ToArray();
                return (Shorten(name), known.Length == 0
                    ? $"is not an argument of {tool.ProtocolTool.Name}, which takes none"
                    : $"is not an argument of {tool.ProtocolTool.Name}; it takes: {string.Join(", ", known)}", false);
            }

            if (value.ValueKind == JsonValueKind.Null
                && tool.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } method
                && method.GetParameters().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal)) is { ParameterType: { IsValueType: true } type }
                && Nullable.GetUnderlyingType(type) is null)
            {
                return (name, $"must be {Expected(type, properties.GetProperty(name))}, not null (leave it out for the default)", true);
            }
        }

        return null;
    }

    private static Dictionary<string, object?> Field(string argument) => new(StringComparer.Ordinal) { ["field"] = argument };

    // Shown back so the caller can fix it; bounded, since it could be anything.
    private static string Shorten(string name) => name.Length <= 64 ? name : string.Concat(name.AsSpan(0, 64), "...");

    /// <summary>Finds the first argument, in parameter order like the SDK's binder, that does not bind; null when all do.</summary>
    private static (string Argument, string Rule)? FindUnbound(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (tool.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { DeclaringType: { } toolType } method
            || tool.ProtocolTool.InputSchema.ValueKind != JsonValueKind.Object
            || !tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var options = McpToolJson.For(toolType);
        foreach (var parameter in method.GetParameters())
        {
            // Parameters outside the input schema (cancellation token, services, request context) are not arguments.
            if (parameter.Name is not { } name || !properties.TryGetProperty(name, out var schema))
            {
                continue;
            }

            if (arguments is null || !arguments.TryGetValue(name, out var value))
            {
                if (!parameter.HasDefaultValue)
                {
                    return (name, $"is required ({Expected(parameter.ParameterType, schema)})");
                }

                continue;
            }

            // The binder passes null through; the tool's own checks answer it.
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            try
            {
                JsonSerializer.Deserialize(value, parameter.ParameterType, options);
            }
            catch (JsonException)
            {
                return (name, $"must be {Expected(parameter.ParameterType, schema)}");
            }
        }

        return null;
    }

    private static string Expected(Type type, JsonElement schema)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int))
        {
            return WholeNumber(schema, int.MinValue, int.MaxValue);
        }

        if (type == typeof(long))
        {
            return WholeNumber(schema, long.MinValue, long.MaxValue);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type.IsArray && type.GetElementType() is { } element)
        {
            return $"an array (each item {Expected(element, default)})";
        }

        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var jsonType) && jsonType.ValueKind == JsonValueKind.String
            ? $"a JSON {jsonType.GetString()}"
            : "a value of the type the tool's input schema gives";
    }

    // A [Range] on the parameter shows in the schema; a number outside it binds and the tool refuses it, but naming the
    // tighter range here saves the caller a second round trip.
    private static string WholeNumber(JsonElement schema, long min, long max)
    {
        if (schema.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetInt64(out var low))
            {
                min = Math.Max(min, low);
            }

            if (schema.TryGetProperty("maximum", out var maximum) && maximum.TryGetInt64(out var high))
            {
                max = Math.Min(max, high);
            }
        }

        return $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
    }

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information, Message = "MCP tool {Tool} refused: argument {Argument} does not bind to its parameter")]
    private static partial void LogUnbound(ILogger logger, string tool, string argument);
}
