using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Server.Hosting;

/// <summary>Takes the data directory lock before anything opens the store, turning a refusal into an operator message.</summary>
internal static class DataDirectoryHold
{
    /// <summary>Locks <paramref name="directory"/>; throws <see cref="StartupFailureException"/> when another process holds it.</summary>
    public static DataDirectoryLock Acquire(string directory)
    {
        try
        {
            return DataDirectoryLock.Acquire(directory);
        }
        catch (SecurityException ex) when (ex.Code == SecurityErrorCodes.DataDirectoryLocked)
        {
            // The message names the directory and the holder's process id.
            throw new StartupFailureException(ex.Message, ExitCodes.DataDirectoryInUse);
        }
        catch (SecurityException ex)
        {
            throw new StartupFailureException($"{ex.Code}: {ex.Message}", ExitCodes.Failed);
        }
    }
}
