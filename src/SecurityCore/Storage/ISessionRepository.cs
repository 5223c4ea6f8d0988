namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists login sessions.</summary>
public interface ISessionRepository
{
    /// <summary>Stores a new session.</summary>
    void Insert(StoredSession session);
    /// <summary>Finds a session by id.</summary>
    StoredSession? FindById(string id);
    /// <summary>Lists the sessions of a user, newest first; ended ones only when <paramref name="includeEnded"/>.</summary>
    IReadOnlyList<StoredSession> ListBySubject(string subject, bool includeEnded);
    /// <summary>Moves the last activity forward to <paramref name="at"/> (never back); false when the session does not exist.</summary>
    bool UpdateLastActivity(string id, DateTimeOffset at);
    /// <summary>Marks a session ended unless it already is; answers whether this call ended it.</summary>
    bool MarkEnded(string id, DateTimeOffset at, string reason);
    /// <summary>Deletes sessions that ended or expired before <paramref name="before"/>; returns how many.</summary>
    int DeleteEnded(DateTimeOffset before);
}
