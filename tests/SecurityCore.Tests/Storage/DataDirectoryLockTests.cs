using System.Diagnostics;
using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

// These tests check Unix file modes and flock semantics: the server runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Acquire_MissingDirectory_CreatesItWithMode0700AndWritesPid()
    {
        var directory = _temp.PathOf("fresh/data");

        using var held = DataDirectoryLock.Acquire(directory);

        Assert.True(Directory.Exists(directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Equal(Path.GetFullPath(directory), held.DirectoryPath);
        Assert.Equal(Path.Combine(held.DirectoryPath, ".lock"), held.LockFilePath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(held.LockFilePath));
        Assert.True(held.IsHeld);
    }

    [Fact]
    public void Acquire_LockFile_ContainsThisProcessId()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        // .NET itself cannot open a file another handle holds with FileShare.None (its open takes a conflicting shared
        // flock); cat takes no lock, as an operator's shell would not.
        var start = new ProcessStartInfo("cat") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(held.LockFilePath);
        using var cat = Process.Start(start)!;
        var content = cat.StandardOutput.ReadToEnd();
        cat.WaitForExit();

        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", content);
    }

    [Fact]
    public void FindHolder_WhileHeld_ReturnsThisProcessId()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        Assert.Equal(Environment.ProcessId, LockHolderLookup.FindHolder(held.LockFilePath));
    }

    [Fact]
    public void FindHolder_FileNotHeldAndEmpty_ReturnsNull()
    {
        var lockFile = _temp.PathOf(".lock");
        File.WriteAllText(lockFile, "");

        Assert.Null(LockHolderLookup.FindHolder(lockFile));
    }

    [Fact]
    public void Acquire_SecondTimeInSameProcess_RefusedNamingDirectoryAndPid()
    {
        var directory = _temp.PathOf("data");
        using var first = DataDirectoryLock.Acquire(directory);

        var refusal = Assert.Throws<SecurityException>(() => DataDirectoryLock.Acquire(directory));

        Assert.Equal(SecurityErrorCodes.DataDirectoryLocked, refusal.Code);
        Assert.Contains($"'{first.DirectoryPath}'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"process {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(first.DirectoryPath, refusal.Details!["directory"]);
        Assert.Equal(Environment.ProcessId, refusal.Details["pid"]);
    }

    [Fact]
    public void Acquire_WhileAnotherProcessHoldsTheLock_RefusedNamingThatProcess()
    {
        var directory = _temp.PathOf("data");
        Directory.CreateDirectory(directory);
        var lockFile = Path.Combine(directory, ".lock");

        // flock(1) takes the same kind of lock .NET takes for FileShare.None (flock LOCK_EX): a real second process.
        using var holder = StartFlockHolder(lockFile);
        try
        {
            var refusal = Assert.Throws<SecurityException>(() => DataDirectoryLock.Acquire(directory));
            Assert.Equal(SecurityErrorCodes.DataDirectoryLocked, refusal.Code);
            Assert.Contains($"'{Path.GetFullPath(directory)}'", refusal.Message, StringComparison.Ordinal);
            Assert.Contains($"process {holder.Id.ToString(CultureInfo.InvariantCulture)}", refusal.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        using var afterwards = DataDirectoryLock.Acquire(directory);
        Assert.True(afterwards.IsHeld);
    }

    [Fact]
    public void Acquire_WhileHeld_AnotherProcessCannotLockTheFile()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        Assert.Equal(1, RunFlockNonBlocking(held.LockFilePath));
    }

    [Fact]
    public void Dispose_ReleasesTheLock_ForAnotherProcessAndThisOne()
    {
        var directory = _temp.PathOf("data");
        var held = DataDirectoryLock.Acquire(directory);
        var lockFile = held.LockFilePath;

        held.Dispose();

        Assert.False(held.IsHeld);
        Assert.Equal(0, RunFlockNonBlocking(lockFile));
        using var again = DataDirectoryLock.Acquire(directory);
        Assert.True(again.IsHeld);
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public void ResolveFullPath_RelativePath_IsRelativeToCurrentDirectory()
    {
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), DataDirectory.ResolveFullPath("./data"));
        Assert.Equal("/var/lib/mcpsec", DataDirectory.ResolveFullPath("/var/lib/mcpsec/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ResolveFullPath_Empty_RefusedNamingTheKey(string configured)
    {
        var refusal = Assert.Throws<SecurityException>(() => DataDirectory.ResolveFullPath(configured));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains("Storage:DataDirectory", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFlockHolders_ProcLocksLines_ReturnsHoldersNotWaitersOrPosixLocks()
    {
        string[] lines =
        [
            "1: FLOCK  ADVISORY  WRITE 4854 fe:00:11657443 0 EOF",
            "1: -> FLOCK  ADVISORY  WRITE 5000 fe:00:11657443 0 EOF",
            "2: POSIX  ADVISORY  WRITE 777 00:1a:42 0 EOF",
            "3: FLOCK  ADVISORY  READ 4854 fe:00:1 0 EOF",
            "4: FLOCK  ADVISORY  WRITE 91 fe:00:2 0 EOF",
            "garbage",
        ];

        Assert.Equal([4854, 91], LockHolderLookup.ParseFlockHolders(lines));
    }

    private static Process StartFlockHolder(string lockFile)
    {
        var start = new ProcessStartInfo("flock")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // --close: only flock itself holds the lock, not the shell it starts, so the lock ends with flock.
        start.ArgumentList.Add("--close");
        start.ArgumentList.Add(lockFile);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("echo locked; exec sleep 120");
        var process = Process.Start(start) ?? throw new InvalidOperationException("flock did not start");

        // "locked" is printed only once flock holds the lock: no sleeping or polling needed.
        Assert.Equal("locked", process.StandardOutput.ReadLine());
        return process;
    }

    private static int RunFlockNonBlocking(string lockFile)
    {
        var start = new ProcessStartInfo("flock") { UseShellExecute = false };
        start.ArgumentList.Add("--nonblock");
        start.ArgumentList.Add(lockFile);
        start.ArgumentList.Add("true");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("flock did not start");
        process.WaitForExit();
        return process.ExitCode;
    }
}
