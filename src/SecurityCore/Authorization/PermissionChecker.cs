using System.Collections.Concurrent;
using System.Collections.Frozen;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Authorization;

/// <summary>
/// Resolves a subject's permissions from its current roles (users by id, clients by client id) into a frozen set, cached
/// per subject: a hit is one dictionary look-up, one clock read and one set look-up.
/// </summary>
/// <remarks>
/// The cache is in-process: with several instances a change made on one is seen by the others only when their entry
/// expires (<see cref="RoleOptions.CacheLifetime"/>); shared invalidation belongs to the scale-out work.
/// A load that raced with an invalidation is used once but not cached (the generation counter tells).
/// </remarks>
internal sealed partial class PermissionChecker(
    IUserRepository users,
    IClientRepository clients,
    RoleCatalog roles,
    IOptions<RoleOptions> options,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<PermissionChecker> logger) : IPermissionChecker
{
    /// <summary>The prefix of user ids; client ids may not start with it, so a subject names one kind of holder.</summary>
    public const string UserIdPrefix = "usr_";

    /// <summary>The most subjects cached; beyond it the cache starts afresh (subjects come from valid tokens, so this is a guard).</summary>
    public const int MaxCachedSubjects = 100_000;

    private static readonly FrozenSet<string> Nothing = FrozenSet<string>.Empty;

    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly long _lifetimeTicks = (long)(options.Value.CacheLifetime.TotalSeconds * time.TimestampFrequency);
    private long _generation;

    /// <inheritdoc />
    public AuthorizationDecision Check(string subject, string permission)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(permission);
        return Resolve(subject).Permissions.Contains(permission) ? AuthorizationDecision.Allowed : AuthorizationDecision.Denied(permission);
    }

    /// <inheritdoc />
    public IReadOnlySet<string> GetPermissions(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Resolve(subject).Permissions;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> GetRoles(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Resolve(subject).Roles;
    }

    /// <inheritdoc />
    public async ValueTask DemandAsync(string subject, string permission, string operation, TokenRequestContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var decision = Check(subject, permission);
        if (decision.IsAllowed)
        {
            return;
        }

        LogDenied(logger, subject, permission, operation);
        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.AccessDenied,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = subject,
            Address = context?.Address,
            RequestId = context?.RequestId,
            Target = operation,
            ReasonCode = SecurityErrorCodes.InsufficientPermissions,
            Details = new Dictionary<string, string> { ["permission"] = permission },
        }, cancellationToken).ConfigureAwait(false);
        throw decision.ToException();
    }

    /// <inheritdoc />
    public void Invalidate(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(subject, out _);
    }

    /// <inheritdoc />
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    private CacheEntry Resolve(string subject)
    {
        if (_cache.TryGetValue(subject, out var entry) && time.GetTimestamp() < entry.ExpiresAt)
        {
            return entry;
        }

        return Load(subject);
    }

    private CacheEntry Load(string subject)
    {
        var generation = Interlocked.Read(ref _generation);
        var (exists, holderRoles) = FindRoles(subject);
        if (!exists || holderRoles.Length == 0)
        {
            var none = new CacheEntry(Nothing, [], 0);
            // Unknown subjects are not cached: check_permission may ask about any id.
            if (exists)
            {
                Store(subject, none, generation);
            }

            return none;
        }

        var granted = new HashSet<string>(StringComparer.Ordinal);
        roles.AddPermissions(holderRoles, granted);
        var loaded = new CacheEntry(granted.ToFrozenSet(StringComparer.Ordinal), [.. holderRoles], 0);
        Store(subject, loaded, generation);
        return loaded;
    }

    private void Store(string subject, CacheEntry loaded, long generation)
    {
        if (_lifetimeTicks <= 0)
        {
            return;
        }

        if (_cache.Count >= MaxCachedSubjects)
        {
            _cache.Clear();
        }

        _cache[subject] = loaded with { ExpiresAt = time.GetTimestamp() + _lifetimeTicks };
        // A role change between the store read and now must not leave the older answer cached.
        if (Interlocked.Read(ref _generation) != generation)
        {
            _cache.TryRemove(subject, out _);
        }
    }

    private (bool Exists, string[] Roles) FindRoles(string subject)
    {
        if (subject.Length == 0)
        {
            return (false, []);
        }

        if (subject.StartsWith(UserIdPrefix, StringComparison.Ordinal))
        {
            var user = users.FindById(subject);
            if (user is null)
            {
                return (false, []);
            }

            // A lockout only stops logins (it is there against guessing); suspended and disabled accounts hold nothing.
            var holds = user.Status is AccountStatuses.Active or AccountStatuses.Locked;
            return (true, holds ? user.Roles : []);
        }

        var client = clients.Find(subject);
        return client is null ? (false, []) : (true, client.Enabled ? client.Roles : []);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Access denied: {Subject} lacks {Permission} for {Operation}")]
    private static partial void LogDenied(ILogger logger, string subject, string permission, string operation);

    private sealed record CacheEntry(FrozenSet<string> Permissions, string[] Roles, long ExpiresAt);
}
