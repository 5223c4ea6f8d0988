namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Why a second-factor code was accepted or refused (recorded in events; callers only see one generic error).</summary>
internal enum CodeCheck
{
    /// <summary>The code is right and unused.</summary>
    Matched,
    /// <summary>The code is wrong.</summary>
    Mismatch,
    /// <summary>The code is not of the expected form (length, characters).</summary>
    Malformed,
    /// <summary>The code is right but its time step was already used (RFC 6238 section 5.2).</summary>
    Replay,
    /// <summary>The SMS code has lapsed.</summary>
    Expired,
    /// <summary>Too many wrong codes were presented; the SMS code is void.</summary>
    AttemptsExhausted,
    /// <summary>No SMS code (of this purpose) is outstanding, or no recovery code is left.</summary>
    NoCode,
}
