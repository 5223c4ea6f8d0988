namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>Reads the sample reports copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Directory(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static IEnumerable<string> Phase6Files() =>
        System.IO.Directory.EnumerateFiles(Directory("phase6"), "*.json").Order(StringComparer.Ordinal);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", relativePath));

    public static TheoryData<string> Phase6Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in Phase6Files())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
