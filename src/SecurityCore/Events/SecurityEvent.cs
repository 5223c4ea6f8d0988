namespace McpSecurity.SecurityCore.Events;

/// <summary>One thing that happened that security staff may need to see: a typed, immutable event.</summary>
/// <remarks>Never put a token, password, secret, key or patient data into any field; use ids and hash prefixes.</remarks>
public sealed record SecurityEvent
{
    /// <summary>Gets the unique id of the event.</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets the event type (see <see cref="SecurityEventTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>Gets when the event happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the outcome: <c>success</c>, <c>failure</c> or <c>info</c>.</summary>
    public string Outcome { get; init; } = SecurityEventOutcomes.Success;

    /// <summary>Gets the acting subject (user or client id), when known.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Gets the OAuth client id involved, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the roles the acting subject held, when known.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets how the acting subject authenticated (for example <c>pwd</c>, <c>otp</c>, <c>client_credentials</c>), when known.</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary>Gets the remote address of the caller, when known.</summary>
    public string? Address { get; init; }

    /// <summary>Gets what the event is about (a token id, a key id, a session id, ...).</summary>
    public string? Target { get; init; }

    /// <summary>Gets the stable reason code for failures (see <see cref="SecurityErrorCodes"/>).</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Gets the request id that ties the event to a log line.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets further non-secret details.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
