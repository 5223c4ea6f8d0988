namespace McpSecurity.Handoff;

/// <summary>Collects field errors with the rule checks shared by the report validator and the workflow's request checks.</summary>
internal sealed class HandoffErrorCollector
{
    private readonly List<HandoffValidationError> _errors = [];

    public IReadOnlyList<HandoffValidationError> Errors => _errors;

    public void Add(string field, string code, string message) => _errors.Add(new(field, code, message));

    public void AddRange(IEnumerable<HandoffValidationError> errors) => _errors.AddRange(errors);

    public void RequiredText(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, HandoffValidationCodes.Required, $"The field '{field}' is required and must not be empty.");
        }
    }

    public void Length(string field, string? value, int min, int max, bool trim = false)
    {
        if (value is null)
        {
            return;
        }

        var length = trim ? value.Trim().Length : value.Length;
        var what = trim ? " after trimming" : "";
        if (length < min)
        {
            Add(field, min == 1 ? HandoffValidationCodes.Required : HandoffValidationCodes.TooShort,
                $"The field '{field}' must have at least {min} characters{what} (has {length}).");
        }
        else if (length > max)
        {
            Add(field, HandoffValidationCodes.TooLong, $"The field '{field}' must have at most {max} characters{what} (has {length}).");
        }
    }

    public void Range(string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            Add(field, HandoffValidationCodes.OutOfRange, $"The field '{field}' must lie between {min} and {max}.");
        }
    }

    public void NotNegative(string field, double? value)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0))
        {
            Add(field, HandoffValidationCodes.OutOfRange, $"The field '{field}' must be at least 0.");
        }
    }

    public void Entries(string field, IReadOnlyList<string>? values, int maxEntryLength = int.MaxValue)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                Add($"{field}[{i}]", HandoffValidationCodes.Required, $"The entry '{field}[{i}]' must not be null.");
            }
            else if (values[i].Length > maxEntryLength)
            {
                Add($"{field}[{i}]", HandoffValidationCodes.TooLong, $"The entry '{field}[{i}]' must have at most {maxEntryLength} characters.");
            }
        }
    }
}
