namespace McpSecurity.SecurityCore.Identity;

/// <summary>Minimal user accounts: create, authenticate, change password (the identity issue extends it).</summary>
public interface IUserService
{
    /// <summary>Creates a user; throws <see cref="SecurityException"/> on a taken username or a policy violation.</summary>
    Task<UserAccount> CreateAsync(string username, string password, IReadOnlyList<string> roles, bool mustChangePassword, string? displayName = null, CancellationToken cancellationToken = default);
    /// <summary>Checks a username and password; unknown users and wrong passwords look alike, also in timing.</summary>
    Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default);
    /// <summary>Checks a username and password as the other overload does, recording <paramref name="origin"/> with the login and lockout events.</summary>
    Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, LoginOrigin origin, CancellationToken cancellationToken = default);
    /// <summary>Changes a password after checking the current one; throws <see cref="SecurityException"/> when refused.</summary>
    Task<UserAccount> ChangePasswordAsync(string username, string currentPassword, string newPassword, CancellationToken cancellationToken = default);
    /// <summary>Finds a user by id.</summary>
    UserAccount? FindById(string id);
    /// <summary>Finds a user by username.</summary>
    UserAccount? FindByUsername(string username);
}
