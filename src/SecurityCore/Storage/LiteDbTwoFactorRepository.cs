using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB second-factor documents keyed by user id, saved only against the version they were read at.</summary>
/// <remarks>
/// LiteDB transactions read from a snapshot, so "compare version, then write" is made atomic by the store's two-factor
/// write lock (one per database file, which the data directory lock makes the only one in the process).
/// </remarks>
internal sealed class LiteDbTwoFactorRepository(LiteDbStore store) : ITwoFactorRepository
{
    private ILiteCollection<StoredTwoFactorEnrollment> Enrollments => store.Collection<StoredTwoFactorEnrollment>(LiteDbCollections.TwoFactor);

    /// <inheritdoc />
    public StoredTwoFactorEnrollment? Find(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Enrollments.FindById(userId);
    }

    /// <inheritdoc />
    public bool TrySave(StoredTwoFactorEnrollment enrollment, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        lock (store.TwoFactorWriteLock)
        {
            var enrollments = Enrollments;
            var current = enrollments.FindById(enrollment.UserId);
            // A saved document always has version 1 or more, so 0 means "does not exist yet".
            var storedVersion = current?.Version ?? 0;
            if (storedVersion != expectedVersion)
            {
                return false;
            }

            enrollment.Version = expectedVersion + 1;
            if (current is null)
            {
                enrollments.Insert(enrollment);
            }
            else
            {
                enrollments.Update(enrollment);
            }

            return true;
        }
    }

    /// <inheritdoc />
    public bool Delete(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (store.TwoFactorWriteLock)
        {
            return Enrollments.Delete(userId);
        }
    }
}
