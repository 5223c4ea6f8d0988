using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary><c>POST /api/v1/auth/login</c> and <c>POST /api/v1/auth/change-password</c>: a user's way to tokens.</summary>
internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/auth/login", LoginAsync).AllowAnonymous();
        api.MapPost("/auth/change-password", ChangePasswordAsync).AllowAnonymous();
        return api;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<LoginRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "username", body!.Username, InputLimits.Username)
            ?? RequestInput.Require(context, "password", body.Password, InputLimits.Password)
            ?? RequestInput.Optional(context, "scope", body.Scope, InputLimits.Scope);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await grants.PasswordAsync(body.Username!, body.Password!, body.Scope, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow());
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, ITokenGrantService grants, TimeProvider time)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<ChangePasswordRequest>(context);
        if (error is not null)
        {
            return error;
        }

        var invalid = RequestInput.Require(context, "username", body!.Username, InputLimits.Username)
            ?? RequestInput.Require(context, "current_password", body.CurrentPassword, InputLimits.Password)
            ?? RequestInput.Require(context, "new_password", body.NewPassword, InputLimits.Password);
        if (invalid is not null)
        {
            return invalid;
        }

        var result = await grants.ChangePasswordAndLoginAsync(
            body.Username!, body.CurrentPassword!, body.NewPassword!, RequestFacts.For(context), context.RequestAborted);
        return GrantAnswers.ForRest(context, result, time.GetUtcNow());
    }
}
