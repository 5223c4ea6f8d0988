using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace McpSecurity.Handoff;

/// <summary>
/// Walks a JSON element along the serializer's own metadata and records every field whose JSON shape cannot be read:
/// wrong type, unknown enumeration value, bad timestamp, missing or null required value, duplicate name.
/// </summary>
/// <remarks>Unknown fields are not checked: they are kept as they are (extension data).</remarks>
internal static class HandoffShapeChecker
{
    public static void Check(JsonElement element, JsonTypeInfo typeInfo, string path, List<HandoffValidationError> errors)
    {
        if (typeInfo.Type == typeof(JsonElement))
        {
            return;
        }

        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object:
                CheckObject(element, typeInfo, path, errors);
                break;
            case JsonTypeInfoKind.Enumerable:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new(Name(path), HandoffValidationCodes.InvalidType, $"The field '{Name(path)}' must be a list."));
                    return;
                }

                var elementInfo = typeInfo.Options.GetTypeInfo(typeInfo.ElementType!);
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        errors.Add(new(Name(itemPath), HandoffValidationCodes.Required, $"The entry '{Name(itemPath)}' must not be null."));
                        continue;
                    }

                    Check(item, elementInfo, itemPath, errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(Name(path), HandoffValidationCodes.InvalidType, $"The field '{Name(path)}' must be an object."));
                    return;
                }

                var valueInfo = typeInfo.Options.GetTypeInfo(typeInfo.ElementType!);
                foreach (var property in element.EnumerateObject())
                {
                    Check(property.Value, valueInfo, Join(path, property.Name), errors);
                }

                break;
            default:
                CheckLeaf(element, typeInfo, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement element, JsonTypeInfo typeInfo, string path, List<HandoffValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(Name(path), HandoffValidationCodes.InvalidType, $"The field '{Name(path)}' must be an object."));
            return;
        }

        var known = new Dictionary<string, JsonPropertyInfo>(StringComparer.Ordinal);
        foreach (var property in typeInfo.Properties)
        {
            if (!property.IsExtensionData)
            {
                known[property.Name] = property;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = Join(path, member.Name);
            if (!seen.Add(member.Name))
            {
                errors.Add(new(memberPath, HandoffValidationCodes.Duplicate, $"The field '{memberPath}' appears more than once."));
                continue;
            }

            if (!known.TryGetValue(member.Name, out var property))
            {
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                if (!property.IsSetNullable)
                {
                    errors.Add(new(memberPath, HandoffValidationCodes.Required, $"The field '{memberPath}' must not be null."));
                }

                continue;
            }

            Check(member.Value, typeInfo.Options.GetTypeInfo(property.PropertyType), memberPath, errors);
        }

        foreach (var property in known.Values)
        {
            if (property.IsRequired && !seen.Contains(property.Name))
            {
                var memberPath = Join(path, property.Name);
                errors.Add(new(memberPath, HandoffValidationCodes.Required, $"The field '{memberPath}' is required."));
            }
        }
    }

    private static void CheckLeaf(JsonElement element, JsonTypeInfo typeInfo, string path, List<HandoffValidationError> errors)
    {
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        if (type == typeof(string))
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(Name(path), HandoffValidationCodes.InvalidType, $"The field '{Name(path)}' must be a string."));
            }

            return;
        }

        try
        {
            _ = element.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            errors.Add(LeafError(type, Name(path), element));
        }
        catch (InvalidOperationException)
        {
            errors.Add(LeafError(type, Name(path), element));
        }
    }

    private static HandoffValidationError LeafError(Type type, string path, JsonElement element)
    {
        if (type.IsEnum)
        {
            var allowed = string.Join(", ", HandoffEnumNames.Of(type));
            return element.ValueKind == JsonValueKind.String
                ? new(path, HandoffValidationCodes.InvalidValue, $"The field '{path}' must be one of: {allowed}.")
                : new(path, HandoffValidationCodes.InvalidType, $"The field '{path}' must be a string, one of: {allowed}.");
        }

        if (type == typeof(DateTimeOffset))
        {
            return new(path, HandoffValidationCodes.InvalidTimestamp,
                $"The field '{path}' must be an ISO 8601 timestamp, for example 2025-09-30T12:00:00.123456 (UTC), ...Z or ...+02:00.");
        }

        if (type == typeof(bool))
        {
            return new(path, HandoffValidationCodes.InvalidType, $"The field '{path}' must be true or false.");
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new(path, HandoffValidationCodes.InvalidType, $"The field '{path}' must be a whole number.");
        }

        return new(path, HandoffValidationCodes.InvalidType, $"The field '{path}' must be a number.");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Name(string path) => path.Length == 0 ? "$" : path;
}
