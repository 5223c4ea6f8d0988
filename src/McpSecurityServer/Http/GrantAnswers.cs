using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>Maps a <see cref="TokenGrantResult"/> to the REST answer of login and change-password.</summary>
internal static class GrantAnswers
{
    public static IResult ForRest(HttpContext context, TokenGrantResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        OAuthErrors.NoStore(context.Response);
        if (result.Tokens is { } tokens)
        {
            return Results.Json(TokenResponseBody.From(tokens), WireJson.Options);
        }

        if (result.Challenge is { } challenge)
        {
            return Results.Json(MfaChallengeBody.From(challenge, now), WireJson.Options);
        }

        if (result.PasswordChangeRequired)
        {
            return ApiErrors.Result(context, StatusCodes.Status403Forbidden, SecurityErrorCodes.PasswordChangeRequired,
                $"The password must be changed before this account can do anything else: POST {ServerEndpoints.ChangePasswordPath} with username, current_password and new_password.",
                new Dictionary<string, object?> { ["change_password_endpoint"] = ServerEndpoints.ChangePasswordPath });
        }

        var code = result.ErrorCode ?? SecurityErrorCodes.InvalidCredentials;
        return ApiErrors.Result(context, code, result.Message ?? "The request was refused.");
    }
}
