using System.Text;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Creates and checks files that only the owner may read (mode 0600 on Unix).</summary>
internal static class PrivateFile
{
    /// <summary>Creates <paramref name="path"/> with mode 0600 from the start and writes <paramref name="content"/>; fails if it exists.</summary>
    public static void CreateNew(string path, string content)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is passed to open(2), so the file never exists with wider permissions.
            options.UnixCreateMode = DataDirectory.PrivateFileMode;
        }

        using var stream = new FileStream(path, options);
        var bytes = Encoding.UTF8.GetBytes(content);
        try
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    /// <summary>Creates an empty file with mode 0600 when it does not exist yet.</summary>
    public static void EnsureExists(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            CreateNew(path, string.Empty);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created meanwhile; fine.
        }
    }

    /// <summary>Returns whether group or others may access the file (always false on Windows, where modes do not apply).</summary>
    public static bool IsAccessibleByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (mode & others) != 0;
    }
}
