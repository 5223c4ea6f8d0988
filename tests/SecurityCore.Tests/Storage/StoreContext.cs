using LiteDB;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Storage;

/// <summary>A real LiteDB store in a temp data directory; <see cref="Reopen"/> simulates a restart.</summary>
internal sealed class StoreContext : IDisposable
{
    private readonly TempDirectory _temp = new();

    public StoreContext()
    {
        DataDirectoryPath = _temp.PathOf("data");
        Open();
    }

    public string DataDirectoryPath { get; }

    public DataDirectoryLock Lock { get; private set; } = null!;

    public LiteDbStore Store { get; private set; } = null!;

    /// <summary>Closes the store and the lock, then opens them again on the same directory.</summary>
    public void Reopen()
    {
        Close();
        Open();
    }

    /// <summary>Closes the store, opens the database file directly (as an intruder would), runs <paramref name="edit"/>, reopens.</summary>
    public void EditFile(Action<LiteDatabase> edit)
    {
        Close();
        using (var database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(DataDirectoryPath, LiteDbStore.FileName), Connection = ConnectionType.Direct }))
        {
            edit(database);
        }

        Open();
    }

    public void Dispose()
    {
        Close();
        _temp.Dispose();
    }

    private void Open()
    {
        Lock = DataDirectoryLock.Acquire(DataDirectoryPath);
        Store = new LiteDbStore(Lock, NullLogger<LiteDbStore>.Instance);
    }

    private void Close()
    {
        Store.Dispose();
        Lock.Dispose();
    }
}
