using System.Globalization;

namespace McpSecurity.Server.Hosting;

/// <summary>Holds the data directory exclusively for this process, so that a second process refuses to start.</summary>
/// <remarks>
/// SEAM (storage): this is a host-side stand-in. When SecurityCore/Storage publishes its data-directory lock,
/// <see cref="Acquire"/> delegates to it and this type keeps only the operator-facing message.
/// The lock is an OS file lock (flock on Unix), so it is released when the process dies; the PID sits in a
/// separate file because a locked file cannot be read by the refused process.
/// </remarks>
internal sealed class DataDirectoryLease : IDisposable
{
    private const string LockFileName = "server.lock";
    private const string PidFileName = "server.pid";

    private readonly FileStream _lockStream;

    private DataDirectoryLease(string directory, FileStream lockStream)
    {
        Directory = directory;
        _lockStream = lockStream;
    }

    /// <summary>Gets the full path of the held directory.</summary>
    public string Directory { get; }

    /// <summary>Creates the directory when missing and locks it; throws <see cref="StartupFailureException"/> when another process holds it.</summary>
    public static DataDirectoryLease Acquire(string directory)
    {
        var fullPath = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailureException($"The data directory '{fullPath}' cannot be created: {ex.Message}", ExitCodes.Failed);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(fullPath, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = ReadHolder(fullPath);
            throw new StartupFailureException(
                $"The data directory '{fullPath}' is in use by another server process (PID {holder}). " +
                "Stop that process or choose another directory with --data-dir.",
                ExitCodes.DataDirectoryInUse);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StartupFailureException($"The data directory '{fullPath}' is not writable: {ex.Message}", ExitCodes.Failed);
        }

        File.WriteAllText(Path.Combine(fullPath, PidFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLease(fullPath, stream);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(Directory, PidFileName));
        }
        catch (IOException)
        {
            // A stale PID file is harmless: the OS lock, not the file, decides.
        }

        _lockStream.Dispose();
    }

    private static string ReadHolder(string directory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(directory, PidFileName)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? pid.ToString(CultureInfo.InvariantCulture)
                : "unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
