using System.Globalization;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Finds the process holding a data directory's lock file, for the refusal message.</summary>
internal static class LockHolderLookup
{
    /// <summary>Returns the id of the process holding <paramref name="lockPath"/>, or null when it cannot be determined.</summary>
    public static int? FindHolder(string lockPath) => FindFromProcLocks(lockPath) ?? ReadPidFromFile(lockPath);

    /// <summary>
    /// Linux: <c>/proc/locks</c> lists every flock holder's pid; the holder is the one with an open descriptor on the lock
    /// file. This is authoritative even when the file content is stale, and it works although .NET cannot open a file
    /// that another process holds with <see cref="FileShare.None"/> (its own open takes a conflicting shared flock).
    /// </summary>
    internal static int? FindFromProcLocks(string lockPath)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/locks"))
        {
            return null;
        }

        try
        {
            foreach (var pid in ParseFlockHolders(File.ReadLines("/proc/locks")))
            {
                if (HasOpenDescriptor(pid, lockPath))
                {
                    return pid;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Parses the pids of FLOCK holders (not waiters) from lines of <c>/proc/locks</c>.</summary>
    internal static IEnumerable<int> ParseFlockHolders(IEnumerable<string> lines)
    {
        var seen = new HashSet<int>();
        foreach (var line in lines)
        {
            // "1: FLOCK  ADVISORY  WRITE 4854 fe:00:11657443 0 EOF"; waiters carry "->" after the ordinal.
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5 || parts[1] == "->" || parts[1] != "FLOCK")
            {
                continue;
            }

            if (int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 && seen.Add(pid))
            {
                yield return pid;
            }
        }
    }

    private static bool HasOpenDescriptor(int pid, string lockPath)
    {
        var fdDirectory = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd";
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(fdDirectory))
            {
                if (string.Equals(new FileInfo(fd).LinkTarget, lockPath, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's process or one that just ended: not ours to inspect.
        }

        return false;
    }

    private static int? ReadPidFromFile(string lockPath)
    {
        try
        {
            using var stream = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var text = reader.ReadLine();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
