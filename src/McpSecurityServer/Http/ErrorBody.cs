namespace McpSecurity.Server.Http;

/// <summary>The body of an <see cref="ErrorEnvelope"/>.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">A caller-safe message.</param>
/// <param name="Details">Caller-safe details, or null.</param>
/// <param name="RequestId">The request id that ties the answer to the server log.</param>
internal sealed record ErrorBody(string Code, string Message, IReadOnlyDictionary<string, object?>? Details, string RequestId);
