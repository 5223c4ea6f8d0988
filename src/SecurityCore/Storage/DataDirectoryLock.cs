using System.Globalization;
using System.Text;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// Holds the data directory for this process: an exclusive OS lock on <c>&lt;data-dir&gt;/.lock</c>, which also
/// carries the holder's process id. A second process (or a second acquisition in this one) is refused.
/// </summary>
/// <remarks>
/// The lock is taken with <see cref="FileShare.None"/>, which .NET maps to <c>flock(LOCK_EX)</c> on Unix and to a
/// sharing-mode lock on Windows. The OS drops it when the process ends, so a crash never leaves a stale lock;
/// the lock file itself is never deleted (deleting it would let two processes lock two different files).
/// </remarks>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The name of the lock file inside the data directory.</summary>
    public const string LockFileName = ".lock";

    private readonly FileStream _stream;
    private bool _disposed;

    private DataDirectoryLock(string directoryPath, string lockFilePath, FileStream stream)
    {
        DirectoryPath = directoryPath;
        LockFilePath = lockFilePath;
        _stream = stream;
    }

    /// <summary>Gets the full path of the locked data directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Gets the full path of the lock file.</summary>
    public string LockFilePath { get; }

    /// <summary>Gets whether the lock is still held.</summary>
    public bool IsHeld => !_disposed;

    /// <summary>
    /// Creates the data directory when missing (mode 0700 on Unix) and locks it for this process.
    /// Relative paths are relative to the current directory.
    /// </summary>
    /// <exception cref="SecurityException">
    /// The directory is held by another process (code <see cref="SecurityErrorCodes.DataDirectoryLocked"/>; the message
    /// names the directory and the holder's process id), or it cannot be created or locked.
    /// </exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        var fullPath = DataDirectory.ResolveFullPath(directory);
        DataDirectory.EnsureCreated(fullPath);
        var lockPath = Path.Combine(fullPath, LockFileName);

        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataDirectory.PrivateFileMode;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, options);
        }
        catch (IOException ex) when (IsLockConflict(ex))
        {
            var holder = LockHolderLookup.FindHolder(lockPath);
            var who = holder is { } pid ? $"process {pid.ToString(CultureInfo.InvariantCulture)}" : "another process (its id could not be determined)";
            throw new SecurityException(
                SecurityErrorCodes.DataDirectoryLocked,
                $"The data directory '{fullPath}' is in use by {who} (lock file '{lockPath}'). "
                + "Two servers must not share one data directory: stop the other process or configure another directory (Storage:DataDirectory).",
                new Dictionary<string, object?> { ["directory"] = fullPath, ["pid"] = holder });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityException(SecurityErrorCodes.StorageUnavailable, $"The lock file '{lockPath}' cannot be opened: {ex.Message}");
        }

        try
        {
            var pidLine = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(0);
            stream.Write(pidLine);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new DataDirectoryLock(fullPath, lockPath, stream);
    }

    /// <summary>Gets the full path of a file inside the data directory.</summary>
    public string GetFilePath(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return Path.Combine(DirectoryPath, fileName);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _stream.SetLength(0);
        }
        catch (IOException)
        {
            // Only cosmetic: a stale process id in an unlocked file misleads nobody, the OS lock is what counts.
        }

        _stream.Dispose();
    }

    private static bool IsLockConflict(IOException ex)
    {
        // Unix: flock(LOCK_NB) failing with EWOULDBLOCK (11). Windows: ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION.
        const int unixWouldBlock = 11;
        const int windowsSharingViolation = unchecked((int)0x80070020);
        const int windowsLockViolation = unchecked((int)0x80070021);
        return ex.HResult is unixWouldBlock or windowsSharingViolation or windowsLockViolation;
    }
}
