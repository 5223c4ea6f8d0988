using System.Collections.Frozen;

namespace McpSecurity.Handoff;

/// <summary>The rules Phase 6 applies to a report, and the Phase 7 required-roles table, as pure functions.</summary>
public static class HandoffRules
{
    /// <summary>The least work summary length after trimming.</summary>
    public const int WorkSummaryMinLength = 50;
    /// <summary>The greatest work summary length after trimming.</summary>
    public const int WorkSummaryMaxLength = 5000;
    /// <summary>The greatest sign-off comment length.</summary>
    public const int SignOffCommentsMaxLength = 1000;
    /// <summary>The greatest component notes length.</summary>
    public const int ComponentNotesMaxLength = 2000;
    /// <summary>The greatest review feedback length.</summary>
    public const int ReviewFeedbackMaxLength = 2000;

    /// <summary>Gets Phase 6's default review timeout (7 days).</summary>
    public static TimeSpan DefaultReviewTimeout { get; } = TimeSpan.FromDays(7);

    /// <summary>Gets Phase 6's default sign-off lifetime (30 days).</summary>
    public static TimeSpan DefaultSignOffExpiry { get; } = TimeSpan.FromDays(30);

    /// <summary>Gets Phase 6's default required sign-offs: developer, tech lead, QA engineer.</summary>
    public static IReadOnlyList<SignOffRole> DefaultRequiredSignOffs { get; } = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.QaEngineer];

    private static readonly FrozenDictionary<Phase7ComponentType, SignOffRole[]> RequiredRolesTable = new Dictionary<Phase7ComponentType, SignOffRole[]>
    {
        [Phase7ComponentType.JwtAuthService] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.SecurityReviewer],
        [Phase7ComponentType.RateLimitingService] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.QaEngineer],
        [Phase7ComponentType.SecurityHardening] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.SecurityReviewer, SignOffRole.Architect],
        [Phase7ComponentType.MultiRoleAuth] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.SecurityReviewer, SignOffRole.ProductOwner],
        [Phase7ComponentType.ApiSecurity] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.SecurityReviewer, SignOffRole.Architect],
        [Phase7ComponentType.Phase6Integration] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.QaEngineer, SignOffRole.Architect],
        [Phase7ComponentType.SecurityMonitoring] = [SignOffRole.Developer, SignOffRole.TechLead, SignOffRole.SecurityReviewer],
        [Phase7ComponentType.ComplianceAudit] = [SignOffRole.SecurityReviewer, SignOffRole.Architect, SignOffRole.ProductOwner],
    }.ToFrozenDictionary();

    /// <summary>Gets the roles whose sign-off a Phase 7 component needs (the contract's table).</summary>
    public static IReadOnlyList<SignOffRole> RequiredRoles(Phase7ComponentType componentType) =>
        RequiredRolesTable.TryGetValue(componentType, out var roles)
            ? roles
            : throw new ArgumentOutOfRangeException(nameof(componentType), componentType, "Unknown Phase 7 component type.");

    /// <summary>Gets whether a sign-off still counts at <paramref name="now"/>: it has no expiry or expires later.</summary>
    public static bool IsActive(SignOffRecord signOff, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        return signOff.ExpiresAt is not { } expiresAt || expiresAt > now;
    }

    /// <summary>Gets the mean of the components' percentages; 0 without components.</summary>
    public static double OverallProgress(IReadOnlyCollection<Phase6ComponentProgress> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return components.Count == 0 ? 0 : components.Average(c => c.ProgressPercentage);
    }

    /// <summary>Gets whether a report is complete: work summary present, at least one component, overall progress at least 100.</summary>
    public static bool IsComplete<TSignOff>(AgentHandoffReportBase<TSignOff> report)
        where TSignOff : SignOffRecord
    {
        ArgumentNullException.ThrowIfNull(report);
        return !string.IsNullOrWhiteSpace(report.WorkSummary)
            && report.Phase6Components.Count > 0
            && report.OverallPhase6Progress >= 100;
    }

    /// <summary>Gets whether every required role has an approved sign-off that has not expired at <paramref name="now"/>.</summary>
    public static bool IsApproved<TSignOff>(AgentHandoffReportBase<TSignOff> report, DateTimeOffset now)
        where TSignOff : SignOffRecord
    {
        ArgumentNullException.ThrowIfNull(report);
        return MissingApprovals(report.SignOffsRequired, report.SignOffsReceived, now).Count == 0;
    }

    /// <summary>Gets the required roles that have no active approved sign-off at <paramref name="now"/>.</summary>
    public static IReadOnlyList<SignOffRole> MissingApprovals(IEnumerable<SignOffRole> required, IEnumerable<SignOffRecord> received, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(received);
        var approved = received.Where(s => s.Status == SignOffDecision.Approved && IsActive(s, now)).Select(s => s.Role).ToHashSet();
        return [.. required.Distinct().Where(role => !approved.Contains(role))];
    }

    /// <summary>
    /// Computes <c>sign_off_status</c> by Phase 6's rules over the sign-offs active at <paramref name="now"/>: any rejection:
    /// rejected; no roles required: not_required; every required role approved: approved; some approval (or conditional
    /// approval) of a required role: partially_approved; otherwise pending.
    /// </summary>
    public static SignOffStatus ComputeSignOffStatus(IEnumerable<SignOffRole> required, IEnumerable<SignOffRecord> received, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(received);
        var requiredRoles = required.ToHashSet();
        var active = received.Where(s => IsActive(s, now)).ToList();
        if (active.Any(s => s.Status == SignOffDecision.Rejected))
        {
            return SignOffStatus.Rejected;
        }

        if (requiredRoles.Count == 0)
        {
            return SignOffStatus.NotRequired;
        }

        if (MissingApprovals(requiredRoles, active, now).Count == 0)
        {
            return SignOffStatus.Approved;
        }

        return active.Any(s => requiredRoles.Contains(s.Role) && s.Status is SignOffDecision.Approved or SignOffDecision.Conditional)
            ? SignOffStatus.PartiallyApproved
            : SignOffStatus.Pending;
    }

    /// <summary>Computes <c>sign_off_status</c> of a report at <paramref name="now"/>; see <see cref="ComputeSignOffStatus(IEnumerable{SignOffRole}, IEnumerable{SignOffRecord}, DateTimeOffset)"/>.</summary>
    public static SignOffStatus ComputeSignOffStatus<TSignOff>(AgentHandoffReportBase<TSignOff> report, DateTimeOffset now)
        where TSignOff : SignOffRecord
    {
        ArgumentNullException.ThrowIfNull(report);
        return ComputeSignOffStatus(report.SignOffsRequired, report.SignOffsReceived, now);
    }

    /// <summary>Recomputes the derived fields of a report (overall progress and sign-off status) at <paramref name="now"/>.</summary>
    public static void Recompute<TSignOff>(AgentHandoffReportBase<TSignOff> report, DateTimeOffset now)
        where TSignOff : SignOffRecord
    {
        ArgumentNullException.ThrowIfNull(report);
        report.OverallPhase6Progress = OverallProgress(report.Phase6Components);
        report.SignOffStatus = ComputeSignOffStatus(report, now);
    }
}
