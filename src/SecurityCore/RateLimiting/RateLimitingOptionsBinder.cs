using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Binds the <c>RateLimiting</c> section without ever throwing: unknown keys and unconvertible values are recorded
/// (and refused by the validator), so a bad reload cannot break the options monitor.
/// </summary>
internal static class RateLimitingOptionsBinder
{
    private static readonly ConditionalWeakTable<RateLimitingOptions, List<string>> Problems = new();

    /// <summary>Binds <paramref name="section"/> into <paramref name="options"/>, recording problems.</summary>
    public static void Bind(IConfiguration section, RateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckKeys(section, typeof(RateLimitingOptions), problems);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(Describe(ex));
        }

        Problems.AddOrUpdate(options, problems);
    }

    /// <summary>Gets the problems found while binding <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> ProblemsOf(RateLimitingOptions options) =>
        Problems.TryGetValue(options, out var problems) ? problems : [];

    private static void CheckKeys(IConfiguration section, Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"Unknown configuration key '{child.Path}'. Known keys: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
            }
            else if (property.PropertyType == typeof(Dictionary<string, RateLimitPolicyOptions>))
            {
                foreach (var policy in child.GetChildren())
                {
                    CheckKeys(policy, typeof(RateLimitPolicyOptions), problems);
                }
            }
            else if (child.Value is { } value && !Converts(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, value))
            {
                problems.Add($"Configuration key '{child.Path}' has a value that is not {Describe(property.PropertyType)}.");
            }
        }
    }

    private static bool Converts(Type type, string value)
    {
        if (type == typeof(string) || type.IsArray)
        {
            return true;
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying == typeof(TimeSpan) ? "a time span such as 00:01:00 (hh:mm:ss)"
            : underlying == typeof(int) ? "an integer"
            : underlying == typeof(bool) ? "true or false"
            : $"a valid {underlying.Name}";
    }

    private static string Describe(InvalidOperationException exception)
    {
        // The binder names the key path and the property; inner exceptions say why a value did not convert.
        var message = exception.Message;
        if (exception.InnerException is { } inner && inner is not InvalidOperationException)
        {
            message += " " + inner.Message;
        }

        return message;
    }
}
