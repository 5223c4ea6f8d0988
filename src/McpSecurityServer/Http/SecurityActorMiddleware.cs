using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Server.Http;

/// <summary>Makes the authenticated caller of a request the current <see cref="SecurityActorScope"/>, so the events it causes record its roles and method.</summary>
internal sealed class SecurityActorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CallerClaims.ToCaller(context.User) is not { } caller)
        {
            await next(context);
            return;
        }

        using (SecurityActorScope.Begin(caller.ToSecurityActor(context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier)))
        {
            await next(context);
        }
    }
}
