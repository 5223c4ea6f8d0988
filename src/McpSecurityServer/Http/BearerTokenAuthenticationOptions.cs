using Microsoft.AspNetCore.Authentication;

namespace McpSecurity.Server.Http;

/// <summary>Options of <see cref="BearerTokenAuthenticationHandler"/> (none beyond the base ones yet).</summary>
internal sealed class BearerTokenAuthenticationOptions : AuthenticationSchemeOptions;
