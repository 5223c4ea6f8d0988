using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// Owns the one <see cref="LiteDatabase"/> of the process at <c>&lt;data-dir&gt;/security.db</c>, opened only while the
/// data directory lock is held, with the collections and indexes the repositories rely on.
/// </summary>
internal sealed partial class LiteDbStore : IStoreHealth, IDisposable
{
    /// <summary>The database file name inside the data directory.</summary>
    public const string FileName = "security.db";

    private readonly LiteDatabase _database;
    private readonly ILogger<LiteDbStore> _logger;
    private volatile bool _disposed;

    /// <summary>Opens (or creates) the database in the locked data directory.</summary>
    public LiteDbStore(DataDirectoryLock directory, ILogger<LiteDbStore> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(logger);
        if (!directory.IsHeld)
        {
            throw new InvalidOperationException("The data directory lock has been released; the store cannot be opened.");
        }

        _logger = logger;
        DataDirectory = directory.DirectoryPath;
        FilePath = directory.GetFilePath(FileName);

        // LiteDB would create the file with the default mode; create it empty with 0600 first (LiteDB initialises an empty file).
        PrivateFile.EnsureExists(FilePath);
        var connection = new ConnectionString
        {
            Filename = FilePath,
            // The lock file already guarantees one process per directory, so direct (exclusive) mode is safe and fastest.
            Connection = ConnectionType.Direct,
            // Ordinal: ids such as jti and kid are case-sensitive; LiteDB's default collation ignores case.
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            Upgrade = false,
        };
        try
        {
            _database = new LiteDatabase(connection, LiteDbMapping.CreateMapper());
            EnsureIndexes(_database);
        }
        catch (Exception ex) when (ex is LiteException or IOException or UnauthorizedAccessException)
        {
            _database?.Dispose();
            throw new SecurityException(SecurityErrorCodes.StorageUnavailable, $"The database '{FilePath}' cannot be opened: {ex.Message}");
        }

        LogOpened(_logger, FilePath);
        if (PrivateFile.IsAccessibleByOthers(DataDirectory))
        {
            // A directory created by this server is 0700; an operator-made one may be wider. Say so, do not change it behind their back.
            LogDirectoryAccessibleByOthers(_logger, DataDirectory);
        }
    }

    /// <inheritdoc />
    public bool IsOpen => !_disposed;

    /// <inheritdoc />
    public string DataDirectory { get; }

    /// <summary>Gets the full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the database; only repositories inside Storage use it.</summary>
    public LiteDatabase Database
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _database;
        }
    }

    /// <summary>
    /// Gets the lock that serialises refresh-token writes: one per database, so that every repository instance over this
    /// store shares it (the data directory lock makes it process-wide for the file).
    /// </summary>
    public Lock RefreshTokenWriteLock { get; } = new();

    /// <summary>Gets the lock that makes the version check and write of a second-factor document atomic (one per database).</summary>
    public Lock TwoFactorWriteLock { get; } = new();

    /// <summary>Gets the lock that makes the revision check and write of a hand-off report atomic (one per database).</summary>
    public Lock HandoffReportWriteLock { get; } = new();

    /// <summary>Gets a typed collection.</summary>
    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs <paramref name="work"/> inside one LiteDB transaction on the calling thread: committed when it returns, rolled
    /// back when it throws. LiteDB transactions are per thread, so callers serialise with their own lock when they must
    /// read and write atomically.
    /// </summary>
    public TResult InTransaction<TResult>(Func<LiteDatabase, (TResult Result, bool Commit)> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var database = Database;
        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
        }

        try
        {
            var (result, commit) = work(database);
            if (commit)
            {
                database.Commit();
            }
            else
            {
                database.Rollback();
            }

            return result;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }

    /// <summary>Closes the database (checkpointing its log).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _database.Dispose();
        LogClosed(_logger, FilePath);
    }

    private static void EnsureIndexes(LiteDatabase database)
    {
        var users = database.GetCollection<StoredUser>(LiteDbCollections.Users);
        users.EnsureIndex("username", x => x.Username, unique: true);
        users.EnsureIndex("roles", "$.roles[*]", unique: false);
        // Not unique: LiteDB indexes a missing field as null, and most users have no external link. Uniqueness of a link is
        // kept by its one writer (the Clerk user sync, which serialises its writes).
        users.EnsureIndex("external_subject", "$.external.subject", unique: false);

        database.GetCollection<StoredClient>(LiteDbCollections.Clients);
        database.GetCollection<StoredSigningKey>(LiteDbCollections.SigningKeys);

        var refresh = database.GetCollection<StoredRefreshToken>(LiteDbCollections.RefreshTokens);
        refresh.EnsureIndex("family_id", x => x.FamilyId);
        refresh.EnsureIndex("subject", x => x.Subject);
        refresh.EnsureIndex("session_expires_at", x => x.SessionExpiresAt);

        var revocations = database.GetCollection<RevocationEntry>(LiteDbCollections.Revocations);
        revocations.EnsureIndex("expires_at", x => x.ExpiresAt);

        var events = database.GetCollection(LiteDbCollections.SecurityEvents, BsonAutoId.Int64);
        events.EnsureIndex("event_id", "$.event_id", unique: true);
        events.EnsureIndex("occurred_at", "$.occurred_at", unique: false);
        events.EnsureIndex("type", "$.type", unique: false);

        database.GetCollection<StoredTwoFactorEnrollment>(LiteDbCollections.TwoFactor);

        var audit = database.GetCollection<StoredAuditEntry>(LiteDbCollections.AuditEntries);
        // Each index costs an O(log n) skip-list walk per append in LiteDB (about 10 KB allocated and a good part of the
        // append time), so only the selective ones exist. Outcome has three values: a filter on it is served as well by
        // reading newest-first by _id (the sequence) with a filter, which is how pages are read anyway. No event_id index:
        // nothing looks entries up by it yet.
        audit.EnsureIndex("type", x => x.Type, unique: false);
        LiteDbAuditQueryRepository.EnsureIndexes(database);
        database.GetCollection<StoredAuditLeafChunk>(LiteDbCollections.AuditLeaves);
        database.GetCollection<StoredAuditCheckpoint>(LiteDbCollections.AuditCheckpoints);
        database.GetCollection<StoredAuditKey>(LiteDbCollections.AuditKeys);

        var sessions = database.GetCollection<StoredSession>(LiteDbCollections.Sessions);
        sessions.EnsureIndex("subject", x => x.Subject);

        var handoffReports = database.GetCollection<StoredHandoffReport>(LiteDbCollections.HandoffReports);
        handoffReports.EnsureIndex("agent_id", x => x.AgentId);
        handoffReports.EnsureIndex("pipeline_id", x => x.PipelineId);
        handoffReports.EnsureIndex("task_id", x => x.TaskId);
        handoffReports.EnsureIndex("status", x => x.Status);
        handoffReports.EnsureIndex("created_at", x => x.CreatedAt);
        LiteDbIncidentRepository.EnsureIndexes(database);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Embedded store opened at {DatabasePath}")]
    private static partial void LogOpened(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "The data directory {DataDirectory} is accessible by group or others; restrict it to the owner (chmod 700)")]
    private static partial void LogDirectoryAccessibleByOthers(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Embedded store closed at {DatabasePath}")]
    private static partial void LogClosed(ILogger logger, string databasePath);
}
