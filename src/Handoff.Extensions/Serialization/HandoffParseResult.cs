namespace McpSecurity.Handoff;

/// <summary>The outcome of reading a hand-off JSON document: the value, or one error per bad field.</summary>
/// <typeparam name="T">The type read.</typeparam>
public sealed class HandoffParseResult<T>
    where T : class
{
    internal HandoffParseResult(T? value, IReadOnlyList<HandoffValidationError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>Gets the value read; null when <see cref="Errors"/> is not empty.</summary>
    public T? Value { get; }

    /// <summary>Gets the errors, one per bad field; empty when the document is valid.</summary>
    public IReadOnlyList<HandoffValidationError> Errors { get; }

    /// <summary>Gets whether the document was read without errors.</summary>
    public bool IsValid => Errors.Count == 0 && Value is not null;

    /// <summary>Returns the value, or throws the validation refusal (<see cref="HandoffValidation.ThrowIfInvalid"/>).</summary>
    public T GetValueOrThrow()
    {
        HandoffValidation.ThrowIfInvalid(Errors);
        return Value!;
    }
}
