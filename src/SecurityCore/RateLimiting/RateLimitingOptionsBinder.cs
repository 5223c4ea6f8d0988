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
        try
        {
            section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"{RateLimitingOptions.SectionName}: {Describe(ex)}");
        }

        Problems.AddOrUpdate(options, problems);
    }

    /// <summary>Gets the problems found while binding <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> ProblemsOf(RateLimitingOptions options) =>
        Problems.TryGetValue(options, out var problems) ? problems : [];

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
