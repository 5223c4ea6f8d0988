using System.Collections.Frozen;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>The list of common and breached passwords shipped as an embedded resource (lower case, one per line).</summary>
internal sealed class PasswordBlocklist
{
    /// <summary>The manifest resource name of the list.</summary>
    public const string ResourceName = "McpSecurity.SecurityCore.Identity.Resources.common-passwords.txt";

    private static readonly Lazy<PasswordBlocklist> Shared = new(Load);

    private readonly FrozenSet<string> _entries;

    internal PasswordBlocklist(IEnumerable<string> entries)
    {
        _entries = entries.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Gets the list shipped with the product (loaded once).</summary>
    public static PasswordBlocklist Default => Shared.Value;

    /// <summary>Gets the number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns whether the lower-case <paramref name="candidate"/> is on the list.</summary>
    public bool Contains(string candidate) => _entries.Contains(candidate);

    private static PasswordBlocklist Load()
    {
        using var stream = typeof(PasswordBlocklist).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                entries.Add(line);
            }
        }

        return new PasswordBlocklist(entries);
    }
}
