namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The typed outcome of validating an access token: either a token or a stable error code.</summary>
public sealed record TokenValidationResult
{
    private TokenValidationResult(ValidatedToken? token, string? errorCode, string? message)
    {
        Token = token;
        ErrorCode = errorCode;
        Message = message;
    }

    /// <summary>Gets whether the token is valid.</summary>
    public bool IsValid => Token is not null;
    /// <summary>Gets the validated claims when valid.</summary>
    public ValidatedToken? Token { get; }
    /// <summary>Gets the stable error code (see <see cref="SecurityErrorCodes"/>) when invalid.</summary>
    public string? ErrorCode { get; }
    /// <summary>Gets a caller-safe explanation when invalid.</summary>
    public string? Message { get; }

    /// <summary>Creates a success.</summary>
    public static TokenValidationResult Success(ValidatedToken token) => new(token, null, null);
    /// <summary>Creates a failure with a stable code.</summary>
    public static TokenValidationResult Failure(string errorCode, string message) => new(null, errorCode, message);
}
