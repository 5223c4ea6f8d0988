namespace McpSecurity.SecurityCore;

/// <summary>A refusal with a stable <see cref="Code"/> and a message that is safe to show to the caller.</summary>
/// <remarks>The message never contains a secret, token or password; faces map it to their error format.</remarks>
public sealed class SecurityException : Exception
{
    /// <summary>Creates a refusal with a stable code and a caller-safe message.</summary>
    public SecurityException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Code = code;
        Details = details;
    }

    /// <summary>Creates an exception with the generic internal error code.</summary>
    public SecurityException() : this(SecurityErrorCodes.InternalError, "An internal error occurred.") { }

    /// <summary>Creates an exception with the generic internal error code and a message.</summary>
    public SecurityException(string message) : this(SecurityErrorCodes.InternalError, message) { }

    /// <summary>Creates an exception with the generic internal error code, a message and a cause.</summary>
    public SecurityException(string message, Exception innerException) : base(message, innerException)
    {
        Code = SecurityErrorCodes.InternalError;
    }

    /// <summary>Gets the stable error code (see <see cref="SecurityErrorCodes"/>).</summary>
    public string Code { get; }

    /// <summary>Gets optional caller-safe details (for example the field that failed validation).</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; }
}
