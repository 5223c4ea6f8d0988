using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The wire names of the hand-off enumerations, for messages that list the allowed values.</summary>
public static class HandoffEnumNames
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Cache = new();

    /// <summary>Gets the wire name of a value (for example <c>under_review</c>).</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var field = typeof(TEnum).GetField(name, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }

    /// <summary>Gets the wire names of every value of an enumeration, in declaration order.</summary>
    public static IReadOnlyList<string> Of(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return Cache.GetOrAdd(enumType, static type => [.. type
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)]);
    }
}
