using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// User management for both faces: list, read, create, update, disable, soft-delete, set and change passwords. People
/// only: agents and services are clients (<see cref="IClientService"/>), kept apart.
/// </summary>
/// <remarks>
/// Changes need <c>users:manage</c> and every permission the target account's roles grant (nobody manages an account
/// more privileged than their own), except for the local operator. Suspending, disabling or deleting an account ends its
/// sessions at once; so does an administrator setting its password. The last active administrator cannot be suspended,
/// disabled or deleted (<see cref="SecurityErrorCodes.LastAdmin"/>). Every change is a security event.
/// </remarks>
public interface IAccountService
{
    /// <summary>Lists users (deleted ones never), one page at a time.</summary>
    /// <exception cref="SecurityException"><see cref="SecurityErrorCodes.ValidationFailed"/> for a bad limit, cursor or filter.</exception>
    UserListPage List(UserListQuery query);

    /// <summary>Gets a user by id; a deleted or unknown user is <see cref="SecurityErrorCodes.NotFound"/>.</summary>
    UserProfile GetById(string userId);

    /// <summary>Finds a user by username; null when unknown or deleted.</summary>
    UserProfile? FindByUsername(string username);

    /// <summary>Creates a person's account.</summary>
    Task<UserProfile> CreateAsync(ActingPrincipal actor, NewUser user, CancellationToken cancellationToken = default);

    /// <summary>Changes display name, e-mail and/or status.</summary>
    Task<UserProfile> UpdateAsync(ActingPrincipal actor, string userId, UserProfileUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Disables an account and ends its sessions (its access tokens stop working on their next request).</summary>
    Task<UserProfile> DisableAsync(ActingPrincipal actor, string userId, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes an account: it cannot log in, is hidden from lists, its sessions end, and its username stays reserved.</summary>
    Task DeleteAsync(ActingPrincipal actor, string userId, CancellationToken cancellationToken = default);

    /// <summary>Sets a user's password as an administrator and ends all the user's sessions; answers how many ended.</summary>
    Task<int> SetPasswordAsync(ActingPrincipal actor, string userId, string password, bool mustChangePassword, CancellationToken cancellationToken = default);

    /// <summary>Changes the caller's own password (checking the current one, counting towards the lockout) and ends the caller's other sessions; answers how many ended.</summary>
    Task<int> ChangeOwnPasswordAsync(string userId, string currentPassword, string newPassword, string? currentSessionId, TokenRequestContext context, CancellationToken cancellationToken = default);
}
