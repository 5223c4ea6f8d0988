namespace McpSecurity.SecurityCore.Storage;

/// <summary>Resolves and creates the server's data directory and the private files in it.</summary>
public static class DataDirectory
{
    /// <summary>The mode of the data directory on Unix: only the owner may list or enter it (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The mode of private files (master key, initial password, database) on Unix: owner read/write (0600).</summary>
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Resolves a configured data directory to a full path; relative paths are relative to the current directory.</summary>
    /// <exception cref="SecurityException">The path is empty or invalid (code <see cref="SecurityErrorCodes.ValidationFailed"/>).</exception>
    public static string ResolveFullPath(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Storage:DataDirectory must not be empty.");
        }

        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured, Environment.CurrentDirectory));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"Storage:DataDirectory '{configured}' is not a valid path: {ex.Message}");
        }
    }

    /// <summary>Creates the directory (mode 0700 on Unix) when it does not exist yet; an existing directory is left as it is.</summary>
    /// <exception cref="SecurityException">The directory cannot be created (code <see cref="SecurityErrorCodes.StorageUnavailable"/>).</exception>
    public static void EnsureCreated(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(fullPath);
            }
            else
            {
                // The mode is applied at creation (minus the umask, which can only narrow it), so there is no window with wider access.
                Directory.CreateDirectory(fullPath, DirectoryMode);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityException(SecurityErrorCodes.StorageUnavailable, $"The data directory '{fullPath}' cannot be created: {ex.Message}");
        }
    }
}
