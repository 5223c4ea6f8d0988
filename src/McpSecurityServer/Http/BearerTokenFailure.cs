namespace McpSecurity.Server.Http;

/// <summary>Why the request's bearer token was refused; kept on the request for the challenge.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">A caller-safe message.</param>
internal sealed record BearerTokenFailure(string Code, string Message);
