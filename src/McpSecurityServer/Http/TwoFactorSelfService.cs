using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Http;

/// <summary>A signed-in user's own second factors; the REST routes under <c>/api/v1/me/2fa</c> and the MCP tools share it.</summary>
internal sealed class TwoFactorSelfService(ITwoFactorService twoFactor, IUserService users, IOptions<TwoFactorOptions> options)
{
    public async Task<(TwoFactorStatus Status, bool Required)> StatusAsync(Caller caller, CancellationToken cancellationToken)
    {
        var user = RequireUser(caller);
        var status = await twoFactor.GetStatusAsync(user.Id, cancellationToken);
        return (status, user.RequiresSecondFactor || options.Value.IsEnforcedFor(user.Roles));
    }

    public Task<TotpEnrollment> BeginTotpAsync(Caller caller, CancellationToken cancellationToken)
    {
        var user = RequireUser(caller);
        return twoFactor.BeginTotpEnrollmentAsync(user.Id, user.Username, cancellationToken);
    }

    public Task<TwoFactorEnrollmentResult> ConfirmTotpAsync(Caller caller, string code, CancellationToken cancellationToken) =>
        twoFactor.ConfirmTotpEnrollmentAsync(RequireUser(caller).Id, code, cancellationToken);

    public Task<SmsCodeDispatch> BeginSmsAsync(Caller caller, string phoneNumber, CancellationToken cancellationToken) =>
        twoFactor.BeginSmsEnrollmentAsync(RequireUser(caller).Id, phoneNumber, cancellationToken);

    public Task<TwoFactorEnrollmentResult> ConfirmSmsAsync(Caller caller, string code, CancellationToken cancellationToken) =>
        twoFactor.ConfirmSmsEnrollmentAsync(RequireUser(caller).Id, code, cancellationToken);

    public Task<SmsCodeDispatch> SendSmsCodeAsync(Caller caller, CancellationToken cancellationToken) =>
        twoFactor.SendSmsLoginCodeAsync(RequireUser(caller).Id, cancellationToken);

    /// <summary>Regenerates recovery codes after a fresh second-factor code: a stolen access token alone cannot mint new ones.</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Caller caller, string method, string code, CancellationToken cancellationToken)
    {
        var user = RequireUser(caller);
        if (!TwoFactorMethods.IsKnown(method))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"'method' must be one of: {string.Join(", ", TwoFactorMethods.All)}.",
                new Dictionary<string, object?> { ["field"] = "method" });
        }

        var verification = await twoFactor.VerifyAsync(user.Id, method, code, LoginOrigin.Unknown, cancellationToken);
        if (!verification.Succeeded)
        {
            throw new SecurityException(verification.ErrorCode ?? SecurityErrorCodes.TwoFactorInvalidCode,
                verification.ErrorCode == SecurityErrorCodes.TwoFactorNotEnrolled
                    ? $"The second factor '{method}' is not enrolled for this account."
                    : "The code is wrong, expired or already used.");
        }

        return await twoFactor.RegenerateRecoveryCodesAsync(user.Id, cancellationToken);
    }

    private UserAccount RequireUser(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return users.FindById(caller.Subject)
            ?? throw new SecurityException(SecurityErrorCodes.InsufficientPermissions, "Only a signed-in user (not an agent or service client) has second factors.");
    }
}
