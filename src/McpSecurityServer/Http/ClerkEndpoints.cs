using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>POST /api/v1/auth/clerk/exchange</c> (a Clerk session token for our tokens) and
/// <c>POST /api/v1/integrations/clerk/webhooks</c> (Svix-signed Clerk events). Both are public: the first is
/// authenticated by the Clerk session token in its body, the second by its Svix signature.
/// </summary>
/// <remarks>With <c>Clerk:Enabled</c> false both answer 404 <c>CLERK_DISABLED</c>, as if the routes did not exist.</remarks>
internal static class ClerkEndpoints
{
    public static RouteGroupBuilder MapClerkEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/auth/clerk/exchange", ExchangeAsync).AllowAnonymous();
        api.MapPost("/integrations/clerk/webhooks", WebhookAsync).AllowAnonymous();
        return api;
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, IClerkBridge bridge, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<ClerkExchangeRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "session_token", body!.SessionToken, InputLimits.ClerkSessionToken)
            ?? RequestInput.Optional(context, "scope", body.Scope, InputLimits.Scope);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await ClerkSignIn.ExchangeAsync(bridge, grants, body.SessionToken!, body.Scope, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow());
    }

    private static async Task<IResult> WebhookAsync(HttpContext context, IClerkBridge bridge)
    {
        // The signature covers the exact bytes: read them ourselves, never through model binding.
        var request = context.Request;
        if (request.ContentLength > InputLimits.ClerkWebhookBody)
        {
            return TooLarge(context);
        }

        var body = await ReadCappedAsync(request.Body, InputLimits.ClerkWebhookBody, context.RequestAborted);
        if (body is null)
        {
            return TooLarge(context);
        }

        var result = await bridge.HandleWebhookAsync(
            Header(request, "svix-id"), Header(request, "svix-timestamp"), Header(request, "svix-signature"), body, RequestFacts.For(context), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return result.Succeeded
            ? Results.NoContent()
            : ApiErrors.Result(context, result.ErrorCode!, result.Message ?? "The webhook was refused.");
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static IResult TooLarge(HttpContext context) =>
        ApiErrors.Result(context, StatusCodes.Status413PayloadTooLarge, SecurityErrorCodes.ClerkWebhookInvalidPayload,
            $"The webhook body must be at most {InputLimits.ClerkWebhookBody} bytes.");

    /// <summary>Reads the whole body, or answers null as soon as it exceeds <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
