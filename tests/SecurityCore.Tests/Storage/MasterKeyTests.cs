using System.Security.Cryptography;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

// These tests check Unix file modes and flock semantics: the server runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MasterKeyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_NoConfiguredKey_GeneratesKeyFileWithMode0600()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        using var key = MasterKey.Load(null, held);

        var path = held.GetFilePath("master.key");
        Assert.True(key.Generated);
        Assert.Equal(path, key.Source);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(key.Key.ToArray(), Convert.FromBase64String(File.ReadAllText(path).Trim()));
        Assert.Equal(32, key.Key.Length);
    }

    [Fact]
    public void Load_AfterRestart_ReusesTheGeneratedKey()
    {
        var directory = _temp.PathOf("data");
        byte[] first;
        using (var held = DataDirectoryLock.Acquire(directory))
        using (var key = MasterKey.Load(null, held))
        {
            first = key.Key.ToArray();
        }

        using var heldAgain = DataDirectoryLock.Acquire(directory);
        using var again = MasterKey.Load("", heldAgain);

        Assert.False(again.Generated);
        Assert.Equal(first, again.Key.ToArray());
    }

    [Fact]
    public void Load_ConfiguredKey_UsesItAndWritesNoFile()
    {
        var configured = RandomNumberGenerator.GetBytes(32);
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        using var key = MasterKey.Load(Convert.ToBase64String(configured), held);

        Assert.Equal(configured, key.Key.ToArray());
        Assert.Equal("Storage:MasterKey", key.Source);
        Assert.False(File.Exists(held.GetFilePath("master.key")));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")]
    public void Load_ConfiguredKeyNot32Bytes_RefusedNamingStorageMasterKey(string configured)
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));

        var refusal = Assert.Throws<SecurityException>(() => MasterKey.Load(configured, held));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, refusal.Code);
        Assert.Contains("Storage:MasterKey", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("32", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(configured, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileReadableByOthers_Refused()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));
        using (MasterKey.Load(null, held))
        {
        }

        var path = held.GetFilePath("master.key");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refusal = Assert.Throws<SecurityException>(() => MasterKey.Load(null, held));
        Assert.Equal(SecurityErrorCodes.StorageUnavailable, refusal.Code);
        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CorruptKeyFile_RefusedNamingTheFile()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));
        var path = held.GetFilePath("master.key");
        File.WriteAllText(path, "AAAA\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var refusal = Assert.Throws<SecurityException>(() => MasterKey.Load(null, held));

        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_WipesTheKey()
    {
        using var held = DataDirectoryLock.Acquire(_temp.PathOf("data"));
        var key = MasterKey.Load(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), held);

        key.Dispose();

        Assert.All(key.Key.ToArray(), b => Assert.Equal(0, b));
    }
}
