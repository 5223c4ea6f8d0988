using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>What a synchronisation from Clerk did to the local user.</summary>
/// <param name="User">The local user after the change; null when no local user is linked (deletion of an unknown user).</param>
/// <param name="Created">Whether the local user was created now.</param>
/// <param name="Changed">Whether anything was written (profile, roles, status or link).</param>
/// <param name="SessionsMustEnd">Whether the user became (or is) inactive by Clerk's doing, so their sessions must end.</param>
/// <param name="SessionsRevoked">Whether this server's token revocation was asked to end them.</param>
internal sealed record ClerkSyncResult(StoredUser? User, bool Created, bool Changed, bool SessionsMustEnd, bool SessionsRevoked);
