using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// Opaque refresh tokens: <c>mcpsec_rt_</c> + 256 random bits in base64url, stored only as a SHA-256 hash, one family
/// per session, single use through the repository's atomic <see cref="IRefreshTokenRepository.TryRedeem"/>.
/// </summary>
internal sealed class RefreshTokenService(IRefreshTokenRepository repository, IOptions<TokenOptions> options, TimeProvider timeProvider)
{
    /// <summary>The recognisable prefix (secret scanners can match it).</summary>
    public const string Prefix = "mcpsec_rt_";

    private const int SecretBytes = 32;
    private static readonly int TokenLength = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    private readonly TokenOptions _options = options.Value;

    /// <summary>Gets whether <paramref name="token"/> has the refresh token prefix.</summary>
    public static bool HasPrefix(string? token) => token is not null && token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Gets the stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Creates and stores the first refresh token of a new family (session).</summary>
    public string IssueFirst(string subject, string clientId, string scope, IReadOnlyList<string> roles, IReadOnlyList<string> authenticationMethods, DateTimeOffset authTime, string familyId)
    {
        var now = timeProvider.GetUtcNow();
        var sessionEnd = now + _options.SessionLifetime;
        var token = NewToken();
        repository.Insert(new StoredRefreshToken
        {
            TokenHash = Hash(token),
            FamilyId = familyId,
            ParentHash = null,
            Subject = subject,
            ClientId = clientId,
            Scope = scope,
            Roles = [.. roles],
            AuthenticationMethods = [.. authenticationMethods],
            AuthTime = authTime,
            IssuedAt = now,
            ExpiresAt = Min(now + _options.RefreshTokenLifetime, sessionEnd),
            SessionExpiresAt = sessionEnd,
        });
        return token;
    }

    /// <summary>Finds a presented token and classifies it.</summary>
    public RefreshTokenLookup Find(string? token)
    {
        if (token is null || token.Length != TokenLength || !HasPrefix(token))
        {
            return new RefreshTokenLookup(RefreshTokenState.Unknown, null);
        }

        var stored = repository.FindByHash(Hash(token));
        if (stored is null)
        {
            return new RefreshTokenLookup(RefreshTokenState.Unknown, null);
        }

        var now = timeProvider.GetUtcNow();
        var state = stored.RedeemedAt is not null ? RefreshTokenState.Redeemed
            : stored.RevokedAt is not null ? RefreshTokenState.Revoked
            : now >= stored.ExpiresAt || now >= stored.SessionExpiresAt ? RefreshTokenState.Expired
            : RefreshTokenState.Active;
        return new RefreshTokenLookup(state, stored);
    }

    /// <summary>
    /// Redeems <paramref name="current"/> for a successor in the same family, atomically; false when another
    /// redemption (or a revocation) won, which the caller treats as reuse.
    /// </summary>
    public bool TryRotate(StoredRefreshToken current, IReadOnlyList<string> roles, out string token, out StoredRefreshToken successor)
    {
        var now = timeProvider.GetUtcNow();
        token = NewToken();
        successor = new StoredRefreshToken
        {
            TokenHash = Hash(token),
            FamilyId = current.FamilyId,
            ParentHash = current.TokenHash,
            Subject = current.Subject,
            ClientId = current.ClientId,
            Scope = current.Scope,
            Roles = [.. roles],
            AuthenticationMethods = current.AuthenticationMethods,
            AuthTime = current.AuthTime,
            IssuedAt = now,
            ExpiresAt = Min(now + _options.RefreshTokenLifetime, current.SessionExpiresAt),
            SessionExpiresAt = current.SessionExpiresAt,
        };
        return repository.TryRedeem(current.TokenHash, now, successor);
    }

    private static string NewToken()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var token = Prefix + Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return token;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
