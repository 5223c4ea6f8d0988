using System.Globalization;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Compliance;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Handoff;

/// <summary>
/// Sign-off as one more operation of the workflow (<see cref="HandoffWorkflowService.MutateAsync(ActingPrincipal, string, long?, string, Func{EnhancedAgentHandoffReport, DateTimeOffset, CancellationToken, ValueTask{Dictionary{string, string}}}, CancellationToken)"/>):
/// everything that must happen once (the second-factor code, the score) happens before it, the change itself inside it.
/// </summary>
internal sealed partial class HandoffSignOffService(
    HandoffWorkflowService workflow,
    IHandoffReportRepository repository,
    IUserService users,
    IClientRepository clients,
    ITwoFactorService twoFactor,
    ISignerSecurityScorer scorer,
    IIncidentLookup incidents,
    IComplianceStatusLookup compliance,
    IAuditSigner signer,
    ISecurityEventSink events,
    TimeProvider time,
    IOptions<HandoffSignOffOptions> options,
    ILogger<HandoffSignOffService> logger,
    IAccountLockout? lockout = null) : IHandoffSignOffService
{
    /// <summary>The report field that lists the sign-offs whose expiry has been recorded.</summary>
    internal const string ExpiredSignOffsField = "expired_sign_off_ids";

    private const int MaxCodeLength = 64;
    private const int MaxConditions = 50;

    private static readonly ActingPrincipal ExpirySweeper = new("system:sign-off-expiry", Address: "local");

    private HandoffSignOffOptions Options => options.Value;

    /// <inheritdoc />
    public async Task<HandoffSignOffResult> SignOffAsync(HandoffCaller caller, string reportId, SignOffHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(reportId);
        ArgumentNullException.ThrowIfNull(request);
        var principal = caller.Principal;
        var role = HandoffEnumNames.Of(request.SignOffRole);
        var decision = HandoffEnumNames.Of(request.Status);
        var method = request.TwoFactorMethod ?? TwoFactorMethods.Totp;
        var secondFactorInCall = false;
        SignerSecurityAssessment assessment;
        try
        {
            HandoffValidation.ThrowIfInvalid(Validate(request, reportId, principal.Id));
            var current = (await workflow.GetAsync(reportId, cancellationToken).ConfigureAwait(false)).Report;
            EnsureSignable(current, request, principal.Id, workflow.Now());
            EnsureRoleHeld(principal.Id, role);

            var twoFactorRequired = Options.TwoFactorDecisionsFor(role).Contains(decision, StringComparer.Ordinal);
            if (twoFactorRequired && string.IsNullOrEmpty(request.TwoFactorCode))
            {
                throw new SecurityException(SecurityErrorCodes.HandoffTwoFactorRequired,
                    $"A '{decision}' sign-off as '{role}' needs a second factor in the same call: give two_factor_code and two_factor_method ({string.Join(", ", TwoFactorMethods.All)}).",
                    new Dictionary<string, object?> { ["role"] = role, ["decision"] = decision, ["methods"] = TwoFactorMethods.All.ToArray() });
            }

            if (!string.IsNullOrEmpty(request.TwoFactorCode))
            {
                await VerifySecondFactorAsync(principal.Id, method, request.TwoFactorCode, cancellationToken).ConfigureAwait(false);
                secondFactorInCall = true;
            }

            assessment = await scorer.AssessAsync(new SignerContext(principal.Id, principal.Address, secondFactorInCall, caller.SessionMfa), cancellationToken)
                .ConfigureAwait(false);
            if (request.Status != SignOffDecision.Rejected)
            {
                await ApplyGatesAsync(current, request, role, assessment, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SecurityException ex)
        {
            await PublishRefusalAsync(principal, reportId, role, decision, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        EnhancedSignOffRecord? stored = null;
        List<Phase7ComponentType> signedOff = [];
        var entry = await workflow.MutateAsync(principal, reportId, expectedRevision, SecurityEventTypes.HandoffSignedOff, (report, now, _) =>
        {
            signedOff = [];
            EnsureSignable(report, request, principal.Id, now);
            var previous = report.Status;
            if (previous == HandoffReportStatus.Submitted)
            {
                HandoffStatusTransitions.EnsureAllowed(previous, HandoffReportStatus.UnderReview);
                report.Status = HandoffReportStatus.UnderReview;
            }

            var days = request.ExpiresInDays ?? Options.DefaultExpiryDays;
            var record = new EnhancedSignOffRecord
            {
                SignOffId = HandoffWorkflowService.NewId("signoff_"),
                Role = request.SignOffRole,
                SignedBy = principal.Id,
                SignedAt = now,
                Status = request.Status,
                Comments = request.Comments,
                Conditions = request.Conditions is null ? null : [.. request.Conditions],
                ExpiresAt = now.AddDays(days),
                TwoFactorAuthenticated = secondFactorInCall,
                SecurityScore = assessment.Score,
                IpReputation = ToContract(assessment.Address),
                AuthenticationMethod = caller.Method,
            };
            SignOffSignature.Sign(record, signer);
            stored = record;

            var touched = new List<Phase7ComponentProgress>();
            if (request.ComponentType is { } componentType)
            {
                touched.Add(report.Phase7Components.Find(c => c.ComponentType == componentType)!);
            }
            else
            {
                report.SignOffsReceived.Add(record);
                touched.AddRange(report.Phase7Components.Where(c => IsReady(c) && HandoffRules.RequiredRoles(c.ComponentType).Contains(request.SignOffRole)));
            }

            foreach (var component in touched)
            {
                component.SignedOffBy.Add(record);
                if (!component.ReviewedBy.Contains(principal.Id, StringComparer.Ordinal))
                {
                    component.ReviewedBy.Add(principal.Id);
                }

                if (component.Status == Phase7ComponentStatus.Completed)
                {
                    component.Status = Phase7ComponentStatus.UnderReview;
                }

                if (HandoffRules.MissingApprovals(HandoffRules.RequiredRoles(component.ComponentType), component.SignedOffBy, now).Count == 0)
                {
                    component.Status = Phase7ComponentStatus.SignedOff;
                    signedOff.Add(component.ComponentType);
                }
            }

            var details = new Dictionary<string, string>
            {
                ["sign_off_id"] = record.SignOffId,
                ["role"] = role,
                ["decision"] = decision,
                ["previous_status"] = HandoffEnumNames.Of(previous),
                ["two_factor_authenticated"] = secondFactorInCall ? "true" : "false",
                ["security_score"] = assessment.Score.ToString("0.###", CultureInfo.InvariantCulture),
                ["ip_reputation"] = assessment.Address.Score.ToString("0.###", CultureInfo.InvariantCulture),
                ["expires_at"] = HandoffTimestampConverter.Format(record.ExpiresAt!.Value),
                ["signature_kid"] = signer.CurrentKeyId,
            };
            if (secondFactorInCall)
            {
                details["two_factor_method"] = method;
            }

            if (request.ComponentType is { } type)
            {
                details["component_type"] = HandoffEnumNames.Of(type);
            }

            if (touched.Count > 0)
            {
                details["components"] = string.Join(",", touched.Select(c => HandoffEnumNames.Of(c.ComponentType)));
            }

            return ValueTask.FromResult(details);
        }, cancellationToken).ConfigureAwait(false);

        foreach (var component in signedOff)
        {
            await PublishAsync(principal, SecurityEventTypes.HandoffComponentSignedOff, reportId, SecurityEventOutcomes.Success, null, new Dictionary<string, string>
            {
                ["component_type"] = HandoffEnumNames.Of(component),
                ["signed_off"] = "true",
                ["required_roles"] = string.Join(",", HandoffRules.RequiredRoles(component).Select(HandoffEnumNames.Of)),
            }, cancellationToken).ConfigureAwait(false);
        }

        LogSignedOff(logger, reportId, stored!.SignOffId, role, decision);
        return new HandoffSignOffResult(entry, stored!, signedOff);
    }

    /// <inheritdoc />
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = workflow.Now();
        var expired = 0;
        foreach (var stored in repository.Query(new HandoffReportCriteria(), 0, int.MaxValue).Reports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = workflow.ReadStored(stored);
            if (DueExpiries(report, now).Count == 0)
            {
                continue;
            }

            List<EnhancedSignOffRecord> due = [];
            List<Phase7ComponentType> reverted = [];
            await workflow.MutateAsync(ExpirySweeper, report.ReportId, null, SecurityEventTypes.HandoffReportUpdated, (r, at) =>
            {
                due = DueExpiries(r, at);
                reverted = [];
                var recorded = RecordedExpiries(r);
                recorded.UnionWith(due.Select(s => s.SignOffId));
                r.ExtensionData ??= [];
                r.ExtensionData[ExpiredSignOffsField] = JsonSerializer.SerializeToElement(recorded.Order(StringComparer.Ordinal).ToList(), HandoffSecurityJsonContext.Default.ListString);
                if (!HandoffStatusTransitions.IsFinal(r.Status))
                {
                    foreach (var component in r.Phase7Components.Where(c => c.Status == Phase7ComponentStatus.SignedOff))
                    {
                        if (HandoffRules.MissingApprovals(HandoffRules.RequiredRoles(component.ComponentType), component.SignedOffBy, at).Count > 0)
                        {
                            component.Status = Phase7ComponentStatus.UnderReview;
                            reverted.Add(component.ComponentType);
                        }
                    }
                }

                return new Dictionary<string, string>
                {
                    ["reason"] = "sign_off_expiry",
                    ["sign_off_ids"] = string.Join(",", due.Select(s => s.SignOffId)),
                };
            }, cancellationToken).ConfigureAwait(false);

            foreach (var signOff in due)
            {
                expired++;
                await PublishAsync(ExpirySweeper, SecurityEventTypes.HandoffSignOffExpired, report.ReportId, SecurityEventOutcomes.Info, null, new Dictionary<string, string>
                {
                    ["sign_off_id"] = signOff.SignOffId,
                    ["role"] = HandoffEnumNames.Of(signOff.Role),
                    ["signed_by"] = signOff.SignedBy,
                    ["decision"] = HandoffEnumNames.Of(signOff.Status),
                    ["expired_at"] = HandoffTimestampConverter.Format(signOff.ExpiresAt!.Value),
                }, cancellationToken).ConfigureAwait(false);
            }

            foreach (var component in reverted)
            {
                await PublishAsync(ExpirySweeper, SecurityEventTypes.HandoffComponentSignedOff, report.ReportId, SecurityEventOutcomes.Info, SecurityErrorCodes.HandoffSignOffsMissing,
                    new Dictionary<string, string> { ["component_type"] = HandoffEnumNames.Of(component), ["signed_off"] = "false", ["reason"] = "sign_off_expiry" },
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return expired;
    }

    /// <inheritdoc />
    public IReadOnlyList<SignOffVerification> Verify(EnhancedAgentHandoffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = new List<SignOffVerification>();
        foreach (var signOff in report.SignOffsReceived)
        {
            var problem = SignOffSignature.Check(signOff, signer);
            results.Add(new SignOffVerification(signOff.SignOffId, "sign_offs_received", problem is null, problem));
        }

        foreach (var component in report.Phase7Components)
        {
            foreach (var signOff in component.SignedOffBy)
            {
                var problem = SignOffSignature.Check(signOff, signer);
                results.Add(new SignOffVerification(signOff.SignOffId, "phase7_components/" + HandoffEnumNames.Of(component.ComponentType), problem is null, problem));
            }
        }

        return results;
    }

    /// <summary>Gets the sign-offs of a report (and its components) that are past their expiry and not yet recorded as expired.</summary>
    internal static List<EnhancedSignOffRecord> DueExpiries(EnhancedAgentHandoffReport report, DateTimeOffset now)
    {
        var recorded = RecordedExpiries(report);
        return [.. report.SignOffsReceived.Concat(report.Phase7Components.SelectMany(c => c.SignedOffBy))
            .Where(s => !HandoffRules.IsActive(s, now) && !recorded.Contains(s.SignOffId))
            .DistinctBy(s => s.SignOffId)];
    }

    private static HashSet<string> RecordedExpiries(EnhancedAgentHandoffReport report)
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        if (report.ExtensionData?.TryGetValue(ExpiredSignOffsField, out var list) == true && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var id in list.EnumerateArray())
            {
                if (id.ValueKind == JsonValueKind.String)
                {
                    recorded.Add(id.GetString()!);
                }
            }
        }

        return recorded;
    }

    private static bool IsReady(Phase7ComponentProgress component) =>
        component.Status is Phase7ComponentStatus.Completed or Phase7ComponentStatus.UnderReview;

    private static List<HandoffValidationError> Validate(SignOffHandoffReportRequest request, string reportId, string callerId)
    {
        var errors = new HandoffErrorCollector();
        if (request.ReportId is { } id && !string.Equals(id, reportId, StringComparison.Ordinal))
        {
            errors.Add("report_id", HandoffValidationCodes.InvalidValue, "The field 'report_id' must be the report being signed.");
        }

        if (request.AgentId is { } agent && !string.Equals(agent, callerId, StringComparison.Ordinal))
        {
            errors.Add("agent_id", HandoffValidationCodes.InvalidValue, "The field 'agent_id' must be the caller (one signs only for oneself).");
        }

        if (!Enum.IsDefined(request.SignOffRole))
        {
            errors.Add("sign_off_role", HandoffValidationCodes.InvalidValue, $"The field 'sign_off_role' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(SignOffRole)))}.");
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors.Add("status", HandoffValidationCodes.InvalidValue, $"The field 'status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(SignOffDecision)))}.");
        }

        if (request.ComponentType is { } type && !Enum.IsDefined(type))
        {
            errors.Add("component_type", HandoffValidationCodes.InvalidValue, $"The field 'component_type' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(Phase7ComponentType)))}.");
        }

        errors.Length("comments", request.Comments, 0, HandoffRules.SignOffCommentsMaxLength);
        if (request.Conditions is { } conditions)
        {
            if (conditions.Count > MaxConditions)
            {
                errors.Add("conditions", HandoffValidationCodes.InvalidValue, $"The field 'conditions' holds at most {MaxConditions} entries.");
            }

            errors.Entries("conditions", conditions, HandoffRules.SignOffCommentsMaxLength);
        }

        if (request.ExpiresInDays is { } days && days is < 1 or > 365)
        {
            errors.Add("expires_in_days", HandoffValidationCodes.InvalidValue, "The field 'expires_in_days' must be between 1 and 365.");
        }

        if (request.TwoFactorMethod is { } method && !TwoFactorMethods.IsKnown(method))
        {
            errors.Add("two_factor_method", HandoffValidationCodes.InvalidValue, $"The field 'two_factor_method' must be one of: {string.Join(", ", TwoFactorMethods.All)}.");
        }

        if (request.TwoFactorCode is { Length: > MaxCodeLength })
        {
            errors.Add("two_factor_code", HandoffValidationCodes.InvalidValue, $"The field 'two_factor_code' has at most {MaxCodeLength} characters.");
        }

        return [.. errors.Errors];
    }

    /// <summary>The checks that depend only on the report: status, required role, component readiness, separation of duties.</summary>
    private static void EnsureSignable(EnhancedAgentHandoffReport report, SignOffHandoffReportRequest request, string signerId, DateTimeOffset now)
    {
        if (report.Status is not (HandoffReportStatus.Submitted or HandoffReportStatus.UnderReview))
        {
            var current = HandoffEnumNames.Of(report.Status);
            throw new SecurityException(SecurityErrorCodes.HandoffReportNotSignable,
                $"The report is '{current}'; sign-offs are given while it is 'submitted' or 'under_review'.",
                new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["current_status"] = current, ["operation"] = "sign_off" });
        }

        var role = HandoffEnumNames.Of(request.SignOffRole);
        if (request.ComponentType is { } type)
        {
            var componentName = HandoffEnumNames.Of(type);
            var component = report.Phase7Components.Find(c => c.ComponentType == type)
                ?? throw new SecurityException(SecurityErrorCodes.NotFound, $"The report has no Phase 7 component '{componentName}'.",
                    new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["component_type"] = componentName });
            var required = HandoffRules.RequiredRoles(type);
            if (!required.Contains(request.SignOffRole))
            {
                throw new SecurityException(SecurityErrorCodes.HandoffRoleNotRequired,
                    $"The component '{componentName}' needs sign-offs from {string.Join(", ", required.Select(HandoffEnumNames.Of))}, not '{role}'.",
                    new Dictionary<string, object?> { ["component_type"] = componentName, ["role"] = role, ["required_roles"] = required.Select(HandoffEnumNames.Of).ToArray() });
            }

            if (!IsReady(component))
            {
                var status = HandoffEnumNames.Of(component.Status);
                throw new SecurityException(SecurityErrorCodes.HandoffComponentNotReady,
                    $"The component '{componentName}' is '{status}'; it can be signed off once it is 'completed' or 'under_review'.",
                    new Dictionary<string, object?> { ["component_type"] = componentName, ["current_status"] = status });
            }
        }
        else if (!report.SignOffsRequired.Contains(request.SignOffRole))
        {
            throw new SecurityException(SecurityErrorCodes.HandoffRoleNotRequired,
                $"The report needs sign-offs from {string.Join(", ", report.SignOffsRequired.Select(HandoffEnumNames.Of))}, not '{role}'.",
                new Dictionary<string, object?> { ["role"] = role, ["required_roles"] = report.SignOffsRequired.Select(HandoffEnumNames.Of).ToArray() });
        }

        // Separation of duties: one person, one signature per report, whatever the role. Renewing one's own expired sign-off
        // in the same role is not a second signature.
        var earlier = report.SignOffsReceived.Concat(report.Phase7Components.SelectMany(c => c.SignedOffBy))
            .Where(s => string.Equals(s.SignedBy, signerId, StringComparison.Ordinal))
            .ToList();
        if (earlier.Any(s => HandoffRules.IsActive(s, now) || s.Role != request.SignOffRole))
        {
            var roles = earlier.Select(s => HandoffEnumNames.Of(s.Role)).Distinct().ToArray();
            throw new SecurityException(SecurityErrorCodes.HandoffDuplicateSigner,
                $"You already signed this report (as {string.Join(", ", roles)}); one person signs a report once (separation of duties).",
                new Dictionary<string, object?> { ["report_id"] = report.ReportId, ["role"] = role, ["signed_as"] = roles });
        }
    }

    private void EnsureRoleHeld(string subjectId, string role)
    {
        var roles = users.FindById(subjectId)?.Roles ?? (IReadOnlyList<string>?)clients.Find(subjectId)?.Roles ?? [];
        if (!roles.Contains(role, StringComparer.Ordinal) && !roles.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            throw new SecurityException(SecurityErrorCodes.HandoffRoleNotHeld,
                $"You do not hold the role '{role}' you sign for.",
                new Dictionary<string, object?> { ["role"] = role });
        }
    }

    private async Task VerifySecondFactorAsync(string userId, string method, string code, CancellationToken cancellationToken)
    {
        if (users.FindById(userId) is null)
        {
            throw new SecurityException(SecurityErrorCodes.TwoFactorNotEnrolled, "Only people sign with a second factor; this caller is not a user.");
        }

        if (lockout?.GetLockedUntil(userId) is not null)
        {
            throw new SecurityException(SecurityErrorCodes.AccountLocked, "The account is locked out after too many failed attempts; no code is checked until the lockout ends.");
        }

        var result = await twoFactor.VerifyAsync(userId, method, code, LoginOrigin.Unknown, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return;
        }

        if (result.CountsAsFailure && lockout is not null)
        {
            await lockout.RecordFailureAsync(userId, "second_factor_sign_off", cancellationToken).ConfigureAwait(false);
        }

        throw new SecurityException(result.ErrorCode ?? SecurityErrorCodes.TwoFactorInvalidCode,
            result.ErrorCode == SecurityErrorCodes.TwoFactorNotEnrolled
                ? $"The second factor '{method}' is not enrolled for this account."
                : "The second-factor code is not valid (wrong, already used or expired).",
            new Dictionary<string, object?> { ["two_factor_method"] = method });
    }

    private async Task ApplyGatesAsync(EnhancedAgentHandoffReport report, SignOffHandoffReportRequest request, string role, SignerSecurityAssessment assessment, CancellationToken cancellationToken)
    {
        if (assessment.Address.Score < Options.MinimumAddressReputation)
        {
            throw new SecurityException(SecurityErrorCodes.HandoffIpReputationTooLow,
                $"The reputation of your address is {assessment.Address.Score:0.###} ({assessment.Address.Level}), under the {Options.MinimumAddressReputation:0.###} an approval needs (reasons: {string.Join(", ", assessment.Address.Reasons)}).",
                new Dictionary<string, object?> { ["ip_reputation"] = assessment.Address.Score, ["minimum"] = Options.MinimumAddressReputation, ["reasons"] = assessment.Address.Reasons.ToArray() });
        }

        if (assessment.Score < Options.MinimumSecurityScore)
        {
            throw new SecurityException(SecurityErrorCodes.HandoffSecurityScoreTooLow,
                $"Your security score is {assessment.Score:0.###}, under the {Options.MinimumSecurityScore:0.###} an approval needs (reasons: {string.Join(", ", assessment.Reasons)}).",
                new Dictionary<string, object?> { ["security_score"] = assessment.Score, ["minimum"] = Options.MinimumSecurityScore, ["reasons"] = assessment.Reasons.ToArray() });
        }

        IEnumerable<string> components = request.ComponentType is { } type
            ? [HandoffEnumNames.Of(type)]
            : report.Phase7Components.Where(c => HandoffRules.RequiredRoles(c.ComponentType).Contains(request.SignOffRole)).Select(c => HandoffEnumNames.Of(c.ComponentType));
        var critical = new List<OpenIncident>();
        foreach (var component in components.DefaultIfEmpty(null))
        {
            critical.AddRange((await incidents.GetOpenAsync(component, cancellationToken).ConfigureAwait(false))
                .Where(i => string.Equals(i.Severity, IncidentSeverities.Critical, StringComparison.Ordinal)));
        }

        if (critical.Count > 0)
        {
            var ids = critical.Select(i => i.IncidentId).Distinct(StringComparer.Ordinal).ToArray();
            throw new SecurityException(SecurityErrorCodes.HandoffOpenCriticalIncidents,
                $"Open critical incidents concern what you sign: {string.Join(", ", ids)}; resolve them first.",
                new Dictionary<string, object?> { ["incident_ids"] = ids });
        }

        if (Options.ComplianceRequiredRoles.Contains(role, StringComparer.Ordinal)
            && await compliance.GetLatestAsync(ComplianceStatus.DefaultFramework, cancellationToken).ConfigureAwait(false) is { IsFailing: true } run)
        {
            throw new SecurityException(SecurityErrorCodes.HandoffComplianceFailing,
                $"The latest {run.Framework} compliance run ({run.RunId}) is '{run.Overall}' with {run.ControlsFailed} failing controls; a '{role}' approval needs it to pass.",
                new Dictionary<string, object?> { ["compliance_run_id"] = run.RunId, ["overall"] = run.Overall, ["failing_controls"] = run.FailingControls.Select(c => c.ControlId).ToArray() });
        }
    }

    private ValueTask PublishRefusalAsync(ActingPrincipal principal, string reportId, string role, string decision, SecurityException refusal, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = role, ["decision"] = decision };
        if (refusal.Details is { } refusalDetails)
        {
            foreach (var key in (string[])["security_score", "ip_reputation", "current_status", "component_type", "two_factor_method"])
            {
                if (refusalDetails.TryGetValue(key, out var value) && value is not null)
                {
                    details[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                }
            }

            foreach (var key in (string[])["reasons", "incident_ids", "signed_as"])
            {
                if (refusalDetails.TryGetValue(key, out var value) && value is IEnumerable<string> list)
                {
                    details[key] = string.Join(",", list);
                }
            }
        }

        return workflow.PublishAsync(principal, SecurityEventTypes.HandoffSignedOff, reportId, SecurityEventOutcomes.Failure, refusal.Code, details, cancellationToken);
    }

    private ValueTask PublishAsync(ActingPrincipal principal, string type, string reportId, string outcome, string? reason, Dictionary<string, string> details, CancellationToken cancellationToken) =>
        events.PublishAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = time.GetUtcNow(),
            Outcome = outcome,
            SubjectId = principal.Id,
            Address = principal.Address,
            RequestId = principal.RequestId,
            Target = reportId,
            ReasonCode = reason,
            Details = details,
        }, cancellationToken);

    internal static IPReputationScore ToContract(AddressReputation reputation) => new()
    {
        Ip = reputation.Ip,
        Score = reputation.Score,
        Level = reputation.Level switch
        {
            "trusted" => IPReputationLevel.Trusted,
            "suspicious" => IPReputationLevel.Suspicious,
            "malicious" => IPReputationLevel.Malicious,
            _ => IPReputationLevel.Neutral,
        },
        Reasons = [.. reputation.Reasons],
        FailedLogins24h = reputation.FailedLogins24h,
        RateLimitViolations24h = reputation.RateLimitViolations24h,
        Blocked = reputation.Blocked,
        EvaluatedAt = HandoffTimestampConverter.Normalize(reputation.EvaluatedAt),
    };

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Hand-off report {ReportId} signed off ({SignOffId}) as {Role}: {Decision}")]
    private static partial void LogSignedOff(ILogger logger, string reportId, string signOffId, string role, string decision);
}
