namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists each user's second factors, one document per user, with optimistic concurrency.</summary>
public interface ITwoFactorRepository
{
    /// <summary>Finds the enrolment document of a user.</summary>
    StoredTwoFactorEnrollment? Find(string userId);

    /// <summary>
    /// Saves <paramref name="enrollment"/> when the stored version still equals <paramref name="expectedVersion"/>
    /// (0: no document exists yet), and sets its <see cref="StoredTwoFactorEnrollment.Version"/> to the next one.
    /// Returns false, saving nothing, when another write came first.
    /// </summary>
    bool TrySave(StoredTwoFactorEnrollment enrollment, long expectedVersion);

    /// <summary>Deletes a user's document; returns whether there was one.</summary>
    bool Delete(string userId);
}
