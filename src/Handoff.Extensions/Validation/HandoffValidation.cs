using McpSecurity.SecurityCore;

namespace McpSecurity.Handoff;

/// <summary>Turns field errors into the one refusal the faces understand.</summary>
public static class HandoffValidation
{
    /// <summary>The key of <see cref="SecurityException.Details"/> that holds the list of <see cref="HandoffValidationError"/>.</summary>
    public const string ErrorsDetailKey = "errors";

    /// <summary>
    /// Throws <see cref="SecurityException"/> with <see cref="SecurityErrorCodes.ValidationFailed"/>, a message naming every
    /// bad field, and the errors under <see cref="ErrorsDetailKey"/> in its details, when <paramref name="errors"/> is not empty.
    /// </summary>
    public static void ThrowIfInvalid(IReadOnlyList<HandoffValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            return;
        }

        var message = errors.Count == 1
            ? errors[0].Message
            : $"{errors.Count} fields are invalid: " + string.Join(" ", errors.Select(e => e.Message));
        throw new SecurityException(SecurityErrorCodes.ValidationFailed, message, new Dictionary<string, object?>
        {
            [ErrorsDetailKey] = errors,
        });
    }
}
