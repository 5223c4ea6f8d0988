using System.Diagnostics;
using System.Globalization;
using System.Net;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Applies every policy that covers a request, through the configured store; the strictest decision decides and all are
/// reported. Policies are reloaded with the configuration: a reload that fails validation keeps the policies in force.
/// </summary>
internal sealed partial class RateLimiter : IRateLimiter, IRateLimitPolicyOverrides, IDisposable
{
    /// <summary>The largest cost one request may claim.</summary>
    public const int MaxCost = 1000;

    private readonly IRateLimitStore _store;
    private readonly RateLimitBypassAuditor _auditor;
    private readonly ISecurityEventSink _events;
    private readonly RateLimitExceededAuditor? _exceeded;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable? _subscription;
    private readonly IRateLimitOverrideStore? _shared;
    private readonly SecurityMetrics? _metrics;
    private readonly IPermissionChecker? _permissions;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;
    private uint _timingTick;
    private readonly Lock _overrideLock = new();
    private readonly Dictionary<string, RateLimitPolicyOptions> _overrides = new(StringComparer.Ordinal);
    private RateLimitingOptions _configured;
    private volatile RateLimitPolicySet _set;

    public RateLimiter(
        IOptionsMonitor<RateLimitingOptions> options,
        IRateLimitStore store,
        RateLimitBypassAuditor auditor,
        ISecurityEventSink events,
        TimeProvider time,
        ILogger<RateLimiter> logger,
        IRateLimitOverrideStore? sharedOverrides = null,
        RateLimitExceededAuditor? exceeded = null,
        SecurityMetrics? metrics = null,
        IPermissionChecker? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _permissions = permissions;
        _shared = sharedOverrides;
        _metrics = metrics;
        _store = store;
        _auditor = auditor;
        _events = events;
        _time = time;
        _logger = logger;
        _exceeded = exceeded;
        var initial = options.CurrentValue;
        var validation = RateLimitingOptionsValidator.Check(initial);
        if (validation.Failed)
        {
            throw new OptionsValidationException(RateLimitingOptions.SectionName, typeof(RateLimitingOptions), validation.Failures);
        }

        _configured = initial;
        _set = RateLimitPolicySet.Compile(initial);
        _options = options;
        _subscription = options.OnChange(Reload);
    }

    /// <inheritdoc />
    public IReadOnlyList<RateLimitPolicy> Policies => _set.Enabled ? _set.Policies : [];

    /// <inheritdoc />
    public async ValueTask<RateLimitResult> CheckAsync(RateLimitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cost is < 1 or > MaxCost)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"cost must be between 1 and {MaxCost.ToString(CultureInfo.InvariantCulture)}.");
        }

        var set = _set;
        if (!set.Enabled)
        {
            return RateLimitResult.Unlimited;
        }

        var started = TimingStart();
        var now = _store.NowMicros();
        var policies = set.Policies;
        Pending[]? pending = null;
        var count = 0;
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            if (!policy.Covers(request) || RateLimitKeys.Build(policy, request) is not { } key)
            {
                continue;
            }

            pending ??= new Pending[policies.Count];
            if (policy.BypassRoleHeld(request) is { } role)
            {
                pending[count++] = new Pending(policy, key, default, role);
                continue;
            }

            // Started together, so a Redis store pipelines them in one round trip.
            pending[count++] = new Pending(policy, key, _store.AcquireAsync(policy, key, now, request.Cost, request.DryRun, cancellationToken), null);
        }

        if (count == 0)
        {
            return RateLimitResult.Unlimited;
        }

        var decisions = new RateLimitDecision[count];
        RateLimitDecision? decisive = null;
        for (var i = 0; i < count; i++)
        {
            var item = pending![i];
            RateLimitDecision decision;
            if (item.BypassRole is { } role)
            {
                decision = new RateLimitDecision
                {
                    Policy = item.Policy, Key = item.Key, Allowed = true, Remaining = item.Policy.Limit,
                    ResetAfter = TimeSpan.Zero, RetryAfter = TimeSpan.Zero, State = RateLimitStoreState.Bypassed,
                };
                if (!request.DryRun)
                {
                    await _auditor.RecordAsync(item.Policy, request, role, item.Key).ConfigureAwait(false);
                }
            }
            else
            {
                decision = ToDecision(item.Policy, item.Key, await item.Outcome.ConfigureAwait(false));
                decisive = Stricter(decisive, decision);
            }

            decisions[i] = decision;
        }

        if (_metrics is not null && !request.DryRun)
        {
            Measure(_metrics, decisions, started);
        }

        if (decisive is { Allowed: false })
        {
            LogRefused(_logger, decisive.Policy.Name, decisive.Key, decisive.RetryAfter, decisive.State);
            if (!request.DryRun && _exceeded is not null)
            {
                await _exceeded.RecordAsync(decisive, request).ConfigureAwait(false);
            }
        }

        return new RateLimitResult { Decisive = decisive, Decisions = decisions };
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> CheckKeyAsync(string policyName, string key, bool consume, int cost = 1, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(policyName) || !_set.ByName.TryGetValue(policyName, out var policy) || !_set.Enabled)
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No rate-limit policy '{policyName}' is in force.");
        }

        if (string.IsNullOrWhiteSpace(key) || key.Length > 512)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "key must be 1 to 512 characters.");
        }

        if (cost is < 1 or > MaxCost)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"cost must be between 1 and {MaxCost.ToString(CultureInfo.InvariantCulture)}.");
        }

        var request = RequestFor(policy, key);
        var storeKey = RateLimitKeys.Build(policy, request)
            ?? throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"key must give {string.Join(", ", policy.KeyBy)} separated by '|' (policy '{policy.Name}').");
        var started = TimingStart();
        var outcome = await _store.AcquireAsync(policy, storeKey, _store.NowMicros(), cost, !consume, cancellationToken).ConfigureAwait(false);
        var decision = ToDecision(policy, storeKey, outcome);
        if (_metrics is not null && consume)
        {
            Measure(_metrics, [decision], started);
        }

        return decision;
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitDecision> CheckKeyForCallerAsync(string callerSubject, string policyName, string key, bool consume, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerSubject);
        if (!string.IsNullOrEmpty(policyName) && _set.ByName.TryGetValue(policyName, out var policy) && RateLimitCategories.IsProtected(policy.Category))
        {
            if (_permissions is null)
            {
                throw new SecurityException(SecurityErrorCodes.InsufficientPermissions, $"Checking a {policy.Category} policy needs {Permissions.RateLimitConfigure}.");
            }

            await _permissions.DemandAsync(callerSubject, Permissions.RateLimitConfigure, $"check_rate {policy.Name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await CheckKeyAsync(policyName, key, consume, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts timing one check in <see cref="SecurityMetrics.RateLimitTimingSampleEvery"/> while somebody listens; 0 for the others.</summary>
    /// <remarks>Two clock reads cost more than the in-memory check itself on some machines, so the histogram samples. The tick
    /// is not interlocked: a lost increment under contention only shifts which check is sampled.</remarks>
    private long TimingStart() =>
        _metrics is { IsRateLimitTimingEnabled: true } && ++_timingTick % SecurityMetrics.RateLimitTimingSampleEvery == 0 ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts each counted decision per policy, each store failure behind one, and the check's duration.</summary>
    private static void Measure(SecurityMetrics metrics, ReadOnlySpan<RateLimitDecision> decisions, long started)
    {
        foreach (var decision in decisions)
        {
            if (decision.State == RateLimitStoreState.Bypassed)
            {
                continue;
            }

            metrics.RecordRateLimitDecision(decision.Policy.Name, decision.Allowed);
            if (decision.State is RateLimitStoreState.Fallback or RateLimitStoreState.Unavailable)
            {
                metrics.RecordRateLimitStoreError();
            }
        }

        if (started != 0)
        {
            metrics.RecordRateLimitCheckDuration(Stopwatch.GetElapsedTime(started));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    /// <summary>Returns the stricter of two decisions: a refusal over an admission, the longer wait, else the fewer requests left.</summary>
    internal static RateLimitDecision Stricter(RateLimitDecision? current, RateLimitDecision candidate)
    {
        if (current is null)
        {
            return candidate;
        }

        if (current.Allowed != candidate.Allowed)
        {
            return candidate.Allowed ? current : candidate;
        }

        if (!candidate.Allowed)
        {
            return candidate.RetryAfter > current.RetryAfter ? candidate : current;
        }

        return candidate.Remaining < current.Remaining ? candidate : current;
    }

    private static RateLimitRequest RequestFor(RateLimitPolicy policy, string key)
    {
        var parts = policy.KeyBy.Count == 1 ? [key] : key.Split('|');
        if (parts.Length != policy.KeyBy.Count)
        {
            return new RateLimitRequest();
        }

        string? user = null, loginName = null, client = null, endpoint = null, tool = null;
        IPAddress? address = null;
        IReadOnlyList<string> roles = [];
        for (var i = 0; i < parts.Length; i++)
        {
            var value = parts[i];
            switch (policy.KeyBy[i])
            {
                case RateLimitKeyParts.User when policy.Category == RateLimitCategories.Login:
                    // A login policy counts the username as typed at login, so the key is the username.
                    loginName = value;
                    break;
                case RateLimitKeyParts.User or RateLimitKeyParts.Principal:
                    user = value;
                    break;
                case RateLimitKeyParts.Client:
                    client = value;
                    break;
                case RateLimitKeyParts.Address:
                    address = IPAddress.TryParse(value, out var parsed) ? parsed
                        : throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"'{value}' is not an IP address (policy '{policy.Name}' is keyed by address).");
                    break;
                case RateLimitKeyParts.Endpoint:
                    endpoint = value;
                    break;
                case RateLimitKeyParts.Tool:
                    tool = value;
                    break;
                case RateLimitKeyParts.Role:
                    roles = [value];
                    break;
            }
        }

        return new RateLimitRequest { UserId = user, LoginName = loginName, ClientId = client, Address = address, Endpoint = endpoint, Tool = tool, Roles = roles };
    }

    private static RateLimitDecision ToDecision(RateLimitPolicy policy, string key, RateLimitOutcome outcome) => new()
    {
        Policy = policy,
        Key = key,
        Allowed = outcome.Allowed,
        Remaining = Math.Clamp(outcome.Remaining, 0, Math.Max(policy.Limit, policy.Burst)),
        RetryAfter = TimeSpan.FromMicroseconds(outcome.RetryAfterMicros),
        ResetAfter = TimeSpan.FromMicroseconds(Math.Max(0, outcome.ResetAfterMicros)),
        State = outcome.State,
    };

    /// <inheritdoc />
    public async Task<RateLimitPolicy> SetOverrideAsync(string policyName, RateLimitPolicyChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrEmpty(policyName) || !_set.ByName.ContainsKey(policyName))
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No rate-limit policy '{policyName}' is in force.");
        }

        if (change.IsEmpty)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "Give at least one of limit, period, burst, algorithm, failure_mode.");
        }

        var delta = new RateLimitPolicyOptions
        {
            Limit = change.Limit, Period = change.Period, Burst = change.Burst, Algorithm = change.Algorithm, FailureMode = change.FailureMode,
        };
        RateLimitPolicyOptions merged;
        lock (_overrideLock)
        {
            merged = _overrides.TryGetValue(policyName, out var earlier) ? delta.Over(earlier) : delta;
            CompileWith(policyName, merged);
        }

        // Shared first: a change Redis did not take is made nowhere, never on this instance alone.
        if (_shared is not null)
        {
            await _shared.SaveAsync(policyName, merged, cancellationToken).ConfigureAwait(false);
        }

        RateLimitPolicySet set;
        lock (_overrideLock)
        {
            set = CompileWith(policyName, merged);
            _overrides[policyName] = merged;
            _set = set;
        }

        if (!set.ByName.TryGetValue(policyName, out var policy))
        {
            // A configuration reload removed the policy meanwhile.
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No rate-limit policy '{policyName}' is in force.");
        }

        LogOverridden(_logger, policyName, policy.Limit, policy.Period, policy.Burst, policy.Algorithm, policy.FailureMode);
        var details = PolicyDetails(policy, "set");
        await _events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.RateLimitPoliciesChanged,
            OccurredAt = _time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Success,
            Target = policyName,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
        return policy;
    }

    /// <inheritdoc />
    public async Task<RateLimitPolicy> RemoveOverrideAsync(string policyName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(policyName) || !_set.ByName.ContainsKey(policyName))
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No rate-limit policy '{policyName}' is in force.");
        }

        // Read before saving: this instance hears its own announcement and may drop the override before the lock below.
        bool removed;
        lock (_overrideLock)
        {
            removed = _overrides.ContainsKey(policyName);
        }

        if (_shared is not null)
        {
            await _shared.SaveAsync(policyName, null, cancellationToken).ConfigureAwait(false);
        }

        RateLimitPolicySet set;
        lock (_overrideLock)
        {
            var overrides = new Dictionary<string, RateLimitPolicyOptions>(_overrides, StringComparer.Ordinal);
            overrides.Remove(policyName);
            // A configuration refused only because of the override being removed applies now; anything refused stays out.
            var latest = _options.CurrentValue;
            var withLatest = WithOverrides(latest, overrides);
            if (!ReferenceEquals(latest, _configured) && !RateLimitingOptionsValidator.Check(latest).Failed && !RateLimitingOptionsValidator.Check(withLatest).Failed)
            {
                _configured = latest;
                set = RateLimitPolicySet.Compile(withLatest);
            }
            else
            {
                set = RateLimitPolicySet.Compile(WithOverrides(_configured, overrides));
            }

            _overrides.Remove(policyName);
            _set = set;
        }

        if (!set.ByName.TryGetValue(policyName, out var policy))
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No rate-limit policy '{policyName}' is in force.");
        }

        LogOverrideRemoved(_logger, policyName, removed);
        await _events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.RateLimitPoliciesChanged,
            OccurredAt = _time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Success,
            Target = policyName,
            Details = PolicyDetails(policy, removed ? "removed" : "none"),
        }, cancellationToken).ConfigureAwait(false);
        return policy;
    }

    /// <summary>
    /// Replaces the runtime overrides with the shared set another instance (or this one) stored. Each override is checked
    /// against this instance's configuration; one that does not fit here is skipped and logged, the rest apply.
    /// Not audited again: the instance that made the change audited it.
    /// </summary>
    internal void ApplySharedOverrides(IReadOnlyDictionary<string, RateLimitPolicyOptions> shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        lock (_overrideLock)
        {
            var accepted = new Dictionary<string, RateLimitPolicyOptions>(StringComparer.Ordinal);
            var known = RateLimitPolicySet.Compile(_configured).ByName;
            foreach (var (name, delta) in shared.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var trial = new Dictionary<string, RateLimitPolicyOptions>(accepted, StringComparer.Ordinal) { [name] = delta };
                var validation = RateLimitingOptionsValidator.Check(WithOverrides(_configured, trial));
                if (!known.ContainsKey(name) || validation.Failed)
                {
                    LogSharedOverrideSkipped(_logger, name, known.ContainsKey(name) ? string.Join(" ", validation.Failures ?? []) : "no such policy here");
                    continue;
                }

                accepted[name] = delta;
            }

            var same = accepted.Count == _overrides.Count && accepted.All(p => _overrides.TryGetValue(p.Key, out var current) && SameChange(current, p.Value));
            if (same)
            {
                return;
            }

            _overrides.Clear();
            foreach (var (name, delta) in accepted)
            {
                _overrides[name] = delta;
            }

            _set = RateLimitPolicySet.Compile(WithOverrides(_configured, _overrides));
            var names = string.Join(",", accepted.Keys);
            LogSharedOverridesApplied(_logger, accepted.Count, names);
        }
    }

    /// <summary>Gets the runtime overrides in force (policy name to change).</summary>
    internal IReadOnlyDictionary<string, RateLimitPolicyOptions> Overrides
    {
        get
        {
            lock (_overrideLock)
            {
                return new Dictionary<string, RateLimitPolicyOptions>(_overrides, StringComparer.Ordinal);
            }
        }
    }

    private static bool SameChange(RateLimitPolicyOptions a, RateLimitPolicyOptions b) =>
        a.Limit == b.Limit && a.Period == b.Period && a.Burst == b.Burst
        && string.Equals(a.Algorithm, b.Algorithm, StringComparison.Ordinal) && string.Equals(a.FailureMode, b.FailureMode, StringComparison.Ordinal);

    private static Dictionary<string, string> PolicyDetails(RateLimitPolicy policy, string overrideState) => new(StringComparer.Ordinal)
    {
        ["source"] = "runtime",
        ["policy"] = policy.Name,
        ["override"] = overrideState,
        ["limit"] = policy.Limit.ToString(CultureInfo.InvariantCulture),
        ["period"] = policy.Period.ToString("c", CultureInfo.InvariantCulture),
        ["burst"] = policy.Burst.ToString(CultureInfo.InvariantCulture),
        ["algorithm"] = policy.Algorithm,
        ["failure_mode"] = policy.FailureMode,
    };

    /// <summary>Compiles the policies with one override replaced; refuses (naming the key) what validation refuses. Call under the lock.</summary>
    private RateLimitPolicySet CompileWith(string policyName, RateLimitPolicyOptions merged)
    {
        var overrides = new Dictionary<string, RateLimitPolicyOptions>(_overrides, StringComparer.Ordinal) { [policyName] = merged };
        var options = WithOverrides(_configured, overrides);
        var validation = RateLimitingOptionsValidator.Check(options);
        if (validation.Failed)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, string.Join(" ", validation.Failures));
        }

        return RateLimitPolicySet.Compile(options);
    }

    /// <summary>Returns configured options with the runtime overrides laid over them (the configured object is not changed).</summary>
    private static RateLimitingOptions WithOverrides(RateLimitingOptions configured, Dictionary<string, RateLimitPolicyOptions> overrides)
    {
        if (overrides.Count == 0)
        {
            return configured;
        }

        var effective = configured.EffectivePolicies();
        var policies = new Dictionary<string, RateLimitPolicyOptions>(configured.Policies ?? [], StringComparer.Ordinal);
        foreach (var (name, delta) in overrides)
        {
            if (effective.TryGetValue(name, out var current))
            {
                policies[name] = delta.Over(current.Policy);
            }
        }

        return new RateLimitingOptions
        {
            Enabled = configured.Enabled,
            UseDefaultPolicies = configured.UseDefaultPolicies,
            Policies = policies,
            Ipv4PrefixLength = configured.Ipv4PrefixLength,
            Ipv6PrefixLength = configured.Ipv6PrefixLength,
            MaxKeys = configured.MaxKeys,
            EvictionInterval = configured.EvictionInterval,
            FailClosedRetryAfter = configured.FailClosedRetryAfter,
            BypassAuditInterval = configured.BypassAuditInterval,
        };
    }

    private void Reload(RateLimitingOptions configured)
    {
        RateLimitPolicySet? set = null;
        ValidateOptionsResult validation;
        lock (_overrideLock)
        {
            // Problems found while binding belong to the configured object: check it first, then with the overrides.
            // A refused configuration is not kept: removing an override later must fall back to what is in force.
            validation = RateLimitingOptionsValidator.Check(configured);
            if (!validation.Failed)
            {
                var options = WithOverrides(configured, _overrides);
                validation = RateLimitingOptionsValidator.Check(options);
                if (!validation.Failed)
                {
                    _configured = configured;
                    _set = set = RateLimitPolicySet.Compile(options);
                }
            }
        }

        if (set is null)
        {
            var reasons = string.Join(" ", validation.Failures ?? []);
            LogReloadRefused(_logger, reasons);
            _ = PublishChangeAsync(SecurityEventOutcomes.Failure, reasons);
            return;
        }

        LogReloaded(_logger, set.Policies.Count, set.Enabled);
        _ = PublishChangeAsync(SecurityEventOutcomes.Success, null);
    }

    private async Task PublishChangeAsync(string outcome, string? reasons)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = "configuration", ["policies"] = string.Join(",", _set.Policies.Select(p => p.Name)) };
        if (reasons is not null)
        {
            details["refused_because"] = reasons.Length > 1000 ? reasons[..1000] : reasons;
        }

        try
        {
            await _events.PublishAsync(new SecurityEvent
            {
                Type = SecurityEventTypes.RateLimitPoliciesChanged,
                OccurredAt = _time.GetUtcNow(),
                Outcome = outcome,
                ReasonCode = reasons is null ? null : SecurityErrorCodes.ValidationFailed,
                Target = RateLimitingOptions.SectionName,
                Details = details,
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A reload report must never break the configuration reload that triggered it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEventFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 7136, Level = LogLevel.Warning, Message = "Rate limit: policy {Policy} overridden at run time: limit {Limit} per {Period}, burst {Burst}, {Algorithm}, fails {FailureMode}")]
    private static partial void LogOverridden(ILogger logger, string policy, int limit, TimeSpan period, int burst, string algorithm, string failureMode);

    [LoggerMessage(EventId = 7137, Level = LogLevel.Warning, Message = "Rate limit: runtime override of policy {Policy} removed (there was one: {Removed})")]
    private static partial void LogOverrideRemoved(ILogger logger, string policy, bool removed);

    [LoggerMessage(EventId = 7138, Level = LogLevel.Information, Message = "Rate limit: {Count} shared runtime overrides in force ({Policies})")]
    private static partial void LogSharedOverridesApplied(ILogger logger, int count, string policies);

    [LoggerMessage(EventId = 7139, Level = LogLevel.Error, Message = "Rate limit: the shared override of policy {Policy} does not fit this instance's configuration and is skipped: {Reasons}")]
    private static partial void LogSharedOverrideSkipped(ILogger logger, string policy, string reasons);

    [LoggerMessage(EventId = 7131, Level = LogLevel.Debug, Message = "Rate limit: policy {Policy} refused key {Key}; retry after {RetryAfter} ({State})")]
    private static partial void LogRefused(ILogger logger, string policy, string key, TimeSpan retryAfter, RateLimitStoreState state);

    [LoggerMessage(EventId = 7132, Level = LogLevel.Error, Message = "Rate-limit configuration reload refused; the policies in force stay. {Reasons}")]
    private static partial void LogReloadRefused(ILogger logger, string reasons);

    [LoggerMessage(EventId = 7133, Level = LogLevel.Information, Message = "Rate-limit policies reloaded: {Count} policies, limiting enabled {Enabled}")]
    private static partial void LogReloaded(ILogger logger, int count, bool enabled);

    [LoggerMessage(EventId = 7134, Level = LogLevel.Warning, Message = "Could not publish the rate-limit policy change event")]
    private static partial void LogEventFailed(ILogger logger, Exception exception);

    private readonly record struct Pending(RateLimitPolicy Policy, string Key, ValueTask<RateLimitOutcome> Outcome, string? BypassRole);
}
