using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>Clients in memory with plain secrets (compared in constant time).</summary>
public sealed class FakeClientService : IClientService
{
    private readonly ConcurrentDictionary<string, (ClientAccount Account, string Secret)> _clients = new(StringComparer.Ordinal);

    public ClientAccount Add(string clientId, string secret, IReadOnlyList<string> allowedScopes, IReadOnlyList<string>? roles = null, bool enabled = true)
    {
        var account = new ClientAccount(clientId, null, allowedScopes, roles ?? [], enabled);
        _clients[clientId] = (account, secret);
        return account;
    }

    public Task<ClientRegistrationResult> RegisterAsync(string? clientId, string? displayName, IReadOnlyList<string> allowedScopes, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return Task.FromResult(new ClientRegistrationResult(Add(clientId ?? Guid.NewGuid().ToString("N"), secret, allowedScopes, roles), secret));
    }

    public Task<ClientAccount?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        if (_clients.TryGetValue(clientId, out var client) && client.Account.Enabled &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.Secret), Encoding.UTF8.GetBytes(clientSecret)))
        {
            return Task.FromResult<ClientAccount?>(client.Account);
        }

        return Task.FromResult<ClientAccount?>(null);
    }

    public IReadOnlyList<ClientAccount> List() => _clients.Values.Select(c => c.Account).ToList();
}
