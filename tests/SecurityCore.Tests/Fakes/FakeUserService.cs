using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>Users in memory with plain passwords (compared in constant time); enough for the token grants.</summary>
public sealed class FakeUserService : IUserService
{
    private readonly ConcurrentDictionary<string, (UserAccount Account, string Password)> _users = new(StringComparer.OrdinalIgnoreCase);

    public UserAccount Add(string username, string password, IReadOnlyList<string>? roles = null, bool mustChangePassword = false, bool requiresSecondFactor = false, string status = "active")
    {
        var account = new UserAccount("usr_" + username, username, null, roles ?? [], status, mustChangePassword, requiresSecondFactor);
        _users[username] = (account, password);
        return account;
    }

    public void SetStatus(string username, string status)
    {
        var (account, password) = _users[username];
        _users[username] = (account with { Status = status }, password);
    }

    public Task<UserAccount> CreateAsync(string username, string password, IReadOnlyList<string> roles, bool mustChangePassword, string? displayName = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Add(username, password, roles, mustChangePassword));

    public Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, LoginOrigin origin, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(username, password, cancellationToken);

    public Task<UserAuthenticationResult> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        if (_users.TryGetValue(username, out var user) && Matches(user.Password, password))
        {
            return Task.FromResult(new UserAuthenticationResult(user.Account, null));
        }

        return Task.FromResult(new UserAuthenticationResult(null, SecurityErrorCodes.InvalidCredentials));
    }

    public Task<UserAccount> ChangePasswordAsync(string username, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (!_users.TryGetValue(username, out var user) || !Matches(user.Password, currentPassword))
        {
            throw new SecurityException(SecurityErrorCodes.InvalidCredentials, "The username or password is wrong.");
        }

        if (newPassword.Length < 12)
        {
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, "The new password must have at least 12 characters.");
        }

        var changed = user.Account with { MustChangePassword = false };
        _users[username] = (changed, newPassword);
        return Task.FromResult(changed);
    }

    public UserAccount? FindById(string id) => _users.Values.Select(u => u.Account).FirstOrDefault(a => a.Id == id);

    public UserAccount? FindByUsername(string username) => _users.TryGetValue(username, out var user) ? user.Account : null;

    private static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
