using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// Registered agents and services (OAuth confidential clients) with generated secrets <c>mcpsec_cs_…</c> (256 random bits).
/// </summary>
/// <remarks>
/// Secrets are stored as SHA-256, not Argon2id. A slow hash protects low-entropy, human-chosen passwords against
/// guessing after a database leak; a 256-bit random secret cannot be guessed, so a fast cryptographic hash is as safe
/// (the accepted practice for API keys and OAuth client secrets) and keeps every client_credentials call cheap.
/// Comparison is constant time, and an unknown client costs the same hash and comparison against a dummy value.
/// </remarks>
internal sealed class ClientService(IClientRepository clients, ISecurityEventSink events, TimeProvider time) : IClientService
{
    /// <summary>The prefix of generated client ids.</summary>
    public const string ClientIdPrefix = "mcpc_";

    /// <summary>The prefix of client secrets: recognisable by secret scanners.</summary>
    public const string SecretPrefix = "mcpsec_cs_";

    private const string HashScheme = "sha256:";
    private const int MaxSecretInputLength = 512;
    private static readonly byte[] DummyHash = SHA256.HashData("mcpsec dummy client secret"u8);

    /// <inheritdoc />
    public async Task<ClientRegistrationResult> RegisterAsync(string? clientId, string? displayName, IReadOnlyList<string> allowedScopes, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowedScopes);
        ArgumentNullException.ThrowIfNull(roles);

        var id = string.IsNullOrWhiteSpace(clientId)
            ? ClientIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))
            : clientId.Trim();
        if (!IdentityRules.IsValidClientId(id))
        {
            throw Invalid("client_id", "client_id must be 3 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.");
        }

        if (!IdentityRules.IsValidDisplayName(displayName))
        {
            throw Invalid("display_name", "display_name must be at most 128 characters without control characters.");
        }

        foreach (var scope in allowedScopes)
        {
            if (scope is null || !IdentityRules.IsValidScope(scope))
            {
                throw Invalid("allowed_scopes", "allowed_scopes must contain RFC 6749 scope tokens: 1 to 128 printable ASCII characters without spaces, '\"' or '\\'.");
            }
        }

        var validRoles = IdentityRules.ValidateRoles(roles, "roles");
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var stored = new StoredClient
        {
            ClientId = id,
            DisplayName = displayName,
            SecretHash = HashScheme + Convert.ToHexStringLower(HashSecret(secret)),
            AllowedScopes = [.. allowedScopes.Distinct(StringComparer.Ordinal)],
            Roles = validRoles,
            Enabled = true,
            CreatedAt = now,
        };
        if (!clients.TryInsert(stored))
        {
            throw new SecurityException(SecurityErrorCodes.Conflict, $"The client id '{id}' is taken.", new Dictionary<string, object?> { ["field"] = "client_id" });
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.ClientRegistered,
            OccurredAt = now,
            ClientId = id,
            Target = id,
            Details = new Dictionary<string, string>
            {
                ["scopes"] = string.Join(' ', stored.AllowedScopes),
                ["roles"] = string.Join(' ', validRoles),
            },
        }, cancellationToken).ConfigureAwait(false);
        return new ClientRegistrationResult(ToAccount(stored), secret);
    }

    /// <inheritdoc />
    public async Task<ClientAccount?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);

        var client = IdentityRules.IsValidClientId(clientId) ? clients.Find(clientId) : null;
        var presented = HashSecret(clientSecret.Length <= MaxSecretInputLength ? clientSecret : string.Empty);
        var expected = client is not null && TryDecodeHash(client.SecretHash, out var stored) ? stored : DummyHash;
        var matches = CryptographicOperations.FixedTimeEquals(presented, expected)
            && client is not null
            && clientSecret.Length <= MaxSecretInputLength
            && !ReferenceEquals(expected, DummyHash);

        string? cause = client is null ? "unknown_client" : !matches ? "wrong_secret" : !client.Enabled ? "disabled" : null;
        if (cause is null)
        {
            return ToAccount(client!);
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.ClientAuthenticated,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            // An unknown id may be a secret pasted into the wrong field: keep only a hash reference then.
            ClientId = client?.ClientId,
            Target = client?.ClientId,
            ReasonCode = client is { Enabled: false } && matches ? SecurityErrorCodes.AccountInactive : SecurityErrorCodes.InvalidCredentials,
            Details = client is null
                ? new Dictionary<string, string> { ["cause"] = cause, ["client_ref"] = IdentityRules.HashReference(clientId) }
                : new Dictionary<string, string> { ["cause"] = cause },
        }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <inheritdoc />
    public IReadOnlyList<ClientAccount> List() => [.. clients.GetAll().Select(ToAccount)];

    internal static ClientAccount ToAccount(StoredClient client) =>
        new(client.ClientId, client.DisplayName, [.. client.AllowedScopes], [.. client.Roles], client.Enabled);

    private static byte[] HashSecret(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool TryDecodeHash(string encoded, out byte[] hash)
    {
        hash = [];
        if (!encoded.StartsWith(HashScheme, StringComparison.Ordinal) || encoded.Length != HashScheme.Length + 64)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(encoded.AsSpan(HashScheme.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static SecurityException Invalid(string field, string message) =>
        new(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["field"] = field });
}
