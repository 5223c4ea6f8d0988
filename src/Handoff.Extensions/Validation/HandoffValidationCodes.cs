namespace McpSecurity.Handoff;

/// <summary>Stable codes of field-level validation errors (<see cref="HandoffValidationError.Code"/>).</summary>
public static class HandoffValidationCodes
{
    /// <summary>The body is not JSON at all, or not a JSON object.</summary>
    public const string InvalidJson = "INVALID_JSON";
    /// <summary>A required field is missing, null or empty.</summary>
    public const string Required = "FIELD_REQUIRED";
    /// <summary>A field has the wrong JSON type (for example a string where a number belongs).</summary>
    public const string InvalidType = "FIELD_INVALID_TYPE";
    /// <summary>A field holds a value outside its enumeration.</summary>
    public const string InvalidValue = "FIELD_INVALID_VALUE";
    /// <summary>A field is not an ISO 8601 timestamp.</summary>
    public const string InvalidTimestamp = "FIELD_INVALID_TIMESTAMP";
    /// <summary>A string is shorter than allowed.</summary>
    public const string TooShort = "FIELD_TOO_SHORT";
    /// <summary>A string or list is longer than allowed.</summary>
    public const string TooLong = "FIELD_TOO_LONG";
    /// <summary>A number lies outside its range.</summary>
    public const string OutOfRange = "FIELD_OUT_OF_RANGE";
    /// <summary>A field appears twice in one object, or a list holds the same entry twice where entries must be unique.</summary>
    public const string Duplicate = "FIELD_DUPLICATE";
    /// <summary>A field does not match the value it must equal (for example a body's id that differs from the path's).</summary>
    public const string Mismatch = "FIELD_MISMATCH";
    /// <summary>A field may not be set through this operation.</summary>
    public const string NotAllowed = "FIELD_NOT_ALLOWED";
}
