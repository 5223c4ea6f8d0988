using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace McpSecurity.Server.Hosting;

/// <summary>Refuses unknown keys and unconvertible values before anything starts, naming the key and the rule.</summary>
/// <remarks>Rules on values (lifetimes, key lengths, algorithms) are the options validators' job (ValidateOnStart).</remarks>
internal static class ConfigurationPreflight
{
    /// <summary>Throws <see cref="StartupFailureException"/> on the first problem found.</summary>
    public static void Check(IConfigurationRoot configuration, IReadOnlyList<string> commandLineArguments, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();

        foreach (DictionaryEntry entry in environment)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(KnownConfiguration.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var top = name[KnownConfiguration.EnvironmentPrefix.Length..].Split("__", 2)[0];
            if (!KnownConfiguration.IsKnownTopLevel(top))
            {
                problems.Add($"Unknown configuration section '{top}' in environment variable {name}. {KnownSectionsHint()}");
            }
        }

        foreach (var argument in commandLineArguments)
        {
            var key = argument.TrimStart('-', '/').Split('=', 2)[0];
            var top = key.Split(':', 2)[0].Split("__", 2)[0];
            if (!KnownConfiguration.IsKnownTopLevel(top))
            {
                problems.Add($"Unknown configuration section '{top}' in argument '--{key}'. {KnownSectionsHint()}");
            }
        }

        foreach (var provider in configuration.Providers.OfType<JsonConfigurationProvider>())
        {
            foreach (var top in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!KnownConfiguration.IsKnownTopLevel(top))
                {
                    problems.Add($"Unknown configuration section '{top}' in {provider.Source.Path}. {KnownSectionsHint()}");
                }
            }
        }

        foreach (var (sectionName, optionsType) in KnownConfiguration.OptionSections)
        {
            CheckSection(configuration.GetSection(sectionName), optionsType, problems);
        }

        foreach (var (groupName, children) in KnownConfiguration.GroupSections)
        {
            foreach (var child in configuration.GetSection(groupName).GetChildren())
            {
                if (!children.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"Unknown configuration section '{child.Path}'. Known sections of '{groupName}': {string.Join(", ", children.Order(StringComparer.Ordinal))}.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new StartupFailureException(string.Join(Environment.NewLine, problems.Distinct()), ExitCodes.InvalidConfiguration);
        }
    }

    private static void CheckSection(IConfigurationSection section, Type optionsType, List<string> problems)
    {
        var properties = optionsType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"Unknown configuration key '{child.Path}'. Known keys of '{section.Path}': {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            try
            {
                _ = child.Get(property.PropertyType);
            }
            catch (InvalidOperationException)
            {
                problems.Add($"Configuration key '{child.Path}' has a value that is not {Describe(property.PropertyType)}.");
            }
        }
    }

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(TimeSpan))
        {
            return "a time span such as 00:15:00 (hh:mm:ss) or 7.00:00:00 (d.hh:mm:ss)";
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return "an integer";
        }

        if (underlying == typeof(bool))
        {
            return "true or false";
        }

        return $"a valid {underlying.Name}";
    }

    private static string KnownSectionsHint() =>
        $"Known sections: {string.Join(", ", KnownConfiguration.OptionSections.Keys.Select(k => k.Split(':')[0]).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))}.";
}
