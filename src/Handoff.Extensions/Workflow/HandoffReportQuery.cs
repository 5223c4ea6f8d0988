using System.Globalization;

namespace McpSecurity.Handoff;

/// <summary>The filters and paging of the Phase 6 report list (<c>GET /reports</c>); null filters match anything.</summary>
public sealed record HandoffReportQuery
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Gets the agent id to match.</summary>
    public string? AgentId { get; init; }
    /// <summary>Gets the pipeline id to match.</summary>
    public string? PipelineId { get; init; }
    /// <summary>Gets the task id to match.</summary>
    public string? TaskId { get; init; }
    /// <summary>Gets the status to match.</summary>
    public HandoffReportStatus? Status { get; init; }
    /// <summary>Gets the report type to match.</summary>
    public string? ReportType { get; init; }
    /// <summary>Gets the earliest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedAfter { get; init; }
    /// <summary>Gets the latest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Gets the least quality score; reports without one do not match.</summary>
    public double? MinQualityScore { get; init; }
    /// <summary>Gets the sign-off status to match, computed at the time of the query (expired sign-offs do not count).</summary>
    public SignOffStatus? SignOffStatus { get; init; }
    /// <summary>Gets the page number, from 1.</summary>
    public int Page { get; init; } = 1;
    /// <summary>Gets the page size, 1..100 (default 20).</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Checks the paging and ranges, one error per bad field.</summary>
    public IReadOnlyList<HandoffValidationError> Validate()
    {
        var errors = new HandoffErrorCollector();
        if (Page < 1)
        {
            errors.Add("page", HandoffValidationCodes.OutOfRange, "The field 'page' must be at least 1.");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("page_size", HandoffValidationCodes.OutOfRange, $"The field 'page_size' must lie between 1 and {MaxPageSize}.");
        }

        errors.Range("min_quality_score", MinQualityScore, 0, 1);
        if (CreatedAfter is { } after && CreatedBefore is { } before && before < after)
        {
            errors.Add("created_before", HandoffValidationCodes.OutOfRange, "The field 'created_before' must not lie before 'created_after'.");
        }

        return errors.Errors;
    }

    /// <summary>
    /// Reads the query from name/value pairs as a face receives them (a query string, MCP tool arguments): Phase 6 names,
    /// one error per bad value; unknown names are refused so that a misspelt filter does not silently match everything.
    /// </summary>
    public static HandoffParseResult<HandoffReportQuery> Parse(IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new HandoffErrorCollector();
        var query = new HandoffReportQuery();
        foreach (var (name, raw) in values)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var value = raw.Trim();
            switch (name)
            {
                case "agent_id": query = query with { AgentId = value }; break;
                case "pipeline_id": query = query with { PipelineId = value }; break;
                case "task_id": query = query with { TaskId = value }; break;
                case "report_type": query = query with { ReportType = value }; break;
                case "status":
                    if (TryEnum<HandoffReportStatus>(value, out var status))
                    {
                        query = query with { Status = status };
                    }
                    else
                    {
                        errors.Add(name, HandoffValidationCodes.InvalidValue, $"The field 'status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(HandoffReportStatus)))}.");
                    }

                    break;
                case "sign_off_status":
                    if (TryEnum<SignOffStatus>(value, out var signOffStatus))
                    {
                        query = query with { SignOffStatus = signOffStatus };
                    }
                    else
                    {
                        errors.Add(name, HandoffValidationCodes.InvalidValue, $"The field 'sign_off_status' must be one of: {string.Join(", ", HandoffEnumNames.Of(typeof(SignOffStatus)))}.");
                    }

                    break;
                case "created_after" or "created_before":
                    if (HandoffTimestampConverter.TryParse(value, out var instant))
                    {
                        query = name == "created_after" ? query with { CreatedAfter = instant } : query with { CreatedBefore = instant };
                    }
                    else
                    {
                        errors.Add(name, HandoffValidationCodes.InvalidTimestamp, $"The field '{name}' must be an ISO 8601 timestamp.");
                    }

                    break;
                case "min_quality_score":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score))
                    {
                        query = query with { MinQualityScore = score };
                    }
                    else
                    {
                        errors.Add(name, HandoffValidationCodes.InvalidType, "The field 'min_quality_score' must be a number.");
                    }

                    break;
                case "page" or "page_size":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        query = name == "page" ? query with { Page = number } : query with { PageSize = number };
                    }
                    else
                    {
                        errors.Add(name, HandoffValidationCodes.InvalidType, $"The field '{name}' must be a whole number.");
                    }

                    break;
                default:
                    errors.Add(name, HandoffValidationCodes.NotAllowed, $"'{name}' is not a filter of the report list.");
                    break;
            }
        }

        errors.AddRange(query.Validate());
        return errors.Errors.Count == 0 ? new(query, []) : new(null, errors.Errors);
    }

    private static bool TryEnum<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(HandoffEnumNames.Of(candidate), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
