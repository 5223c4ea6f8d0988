using LiteDB;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.Tests.SecurityCore.Storage;

// These tests check Unix file modes and flock semantics: the server runs on Linux.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LiteDbStoreTests : IDisposable
{
    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Open_FreshDirectory_CreatesDatabaseFileWithMode0600()
    {
        var path = Path.Combine(_context.DataDirectoryPath, "security.db");

        Assert.True(File.Exists(path));
        Assert.Equal(path, _context.Store.FilePath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.True(_context.Store.IsOpen);
        Assert.Equal(_context.Lock.DirectoryPath, _context.Store.DataDirectory);
    }

    [Fact]
    public void Dispose_Store_ReportsNotOpen()
    {
        _context.Store.Dispose();

        Assert.False(_context.Store.IsOpen);
        Assert.Throws<ObjectDisposedException>(() => _context.Store.Database);
    }

    [Fact]
    public void Open_WithReleasedLock_Refused()
    {
        var released = DataDirectoryLock.Acquire(Path.Combine(Path.GetTempPath(), "mcpsec-tests", Guid.NewGuid().ToString("N")));
        released.Dispose();

        Assert.Throws<InvalidOperationException>(() => new LiteDbStore(released, Microsoft.Extensions.Logging.Abstractions.NullLogger<LiteDbStore>.Instance));
        Directory.Delete(released.DirectoryPath, recursive: true);
    }

    [Theory]
    [InlineData("users", "username", true)]
    [InlineData("users", "roles", false)]
    [InlineData("refresh_tokens", "family_id", false)]
    [InlineData("refresh_tokens", "subject", false)]
    [InlineData("refresh_tokens", "session_expires_at", false)]
    [InlineData("revocations", "expires_at", false)]
    [InlineData("security_events", "occurred_at", false)]
    [InlineData("security_events", "type", false)]
    [InlineData("security_events", "event_id", true)]
    public void Open_Always_EnsuresIndexes(string collection, string index, bool unique)
    {
        var indexes = _context.Store.Database.GetCollection("$indexes")
            .Find(BsonExpression.Create("collection = @0 AND name = @1", new BsonValue(collection), new BsonValue(index)))
            .ToList();

        var found = Assert.Single(indexes);
        Assert.Equal(unique, found["unique"].AsBoolean);
    }

    [Fact]
    public void Open_DirectoryAccessibleByOthers_LogsAWarning()
    {
        var logs = new McpSecurity.Tests.SecurityCore.Events.CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        using var temp = new TempDirectory();
        var directory = temp.PathOf("wide");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        using (var held = DataDirectoryLock.Acquire(directory))
        using (new LiteDbStore(held, factory.CreateLogger<LiteDbStore>()))
        {
        }

        var warning = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains(directory, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Always_UsesOrdinalCollation()
    {
        Assert.Contains("Ordinal", _context.Store.Database.Collation.ToString(), StringComparison.Ordinal);
    }
}
