using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Validates <see cref="TwoFactorOptions"/>; each failure names the key and the rule, never a secret value.</summary>
internal sealed class TwoFactorOptionsValidator : IValidateOptions<TwoFactorOptions>
{
    /// <summary>The widest TOTP window accepted.</summary>
    public const int MaxTotpWindow = 5;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = TwoFactorOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Length > 64 || options.Issuer.Contains(':', StringComparison.Ordinal)
            || options.Issuer.Any(char.IsControl))
        {
            failures.Add($"{prefix}:Issuer must be 1 to 64 characters without ':' or control characters.");
        }

        if (options.TotpWindow is < 0 or > MaxTotpWindow)
        {
            failures.Add($"{prefix}:TotpWindow must be between 0 and {MaxTotpWindow} time steps (RFC 6238 recommends 1).");
        }

        var sms = options.Sms;
        if (sms is null)
        {
            failures.Add($"{prefix}:Sms must not be empty.");
            return ValidateOptionsResult.Fail(failures);
        }

        var isTwilio = string.Equals(sms.Provider, SmsProviders.Twilio, StringComparison.OrdinalIgnoreCase);
        if (!isTwilio && !string.Equals(sms.Provider, SmsProviders.Outbox, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{prefix}:Sms:Provider must be '{SmsProviders.Outbox}' or '{SmsProviders.Twilio}'.");
        }

        if (sms.CodeLifetime < TimeSpan.FromSeconds(30) || sms.CodeLifetime > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{prefix}:Sms:CodeLifetime must be between 00:00:30 and 00:30:00.");
        }

        if (sms.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{prefix}:Sms:MaxAttempts must be between 1 and 10.");
        }

        if (sms.ResendInterval < TimeSpan.Zero || sms.ResendInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:Sms:ResendInterval must be between 00:00:00 and 00:10:00.");
        }

        if (isTwilio)
        {
            ValidateTwilio(sms.Twilio ?? new TwilioSmsOptions(), failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTwilio(TwilioSmsOptions twilio, List<string> failures)
    {
        const string prefix = TwoFactorOptions.SectionName + ":Sms:Twilio";
        if (!Uri.TryCreate(twilio.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback))
            || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            failures.Add($"{prefix}:BaseUrl must be an absolute https URL without query or user info (plain http only for a loopback address).");
        }

        if (twilio.AccountSid is null || !TwilioSmsSender.IsValidAccountSid(twilio.AccountSid))
        {
            failures.Add($"{prefix}:AccountSid must be 'AC' followed by 32 hexadecimal digits.");
        }

        if (string.IsNullOrWhiteSpace(twilio.AuthToken))
        {
            failures.Add($"{prefix}:AuthToken must be set (prefer the environment variable MCPSEC__TwoFactor__Sms__Twilio__AuthToken).");
        }

        if (twilio.From is null || PhoneNumbers.Normalize(twilio.From) is null)
        {
            failures.Add($"{prefix}:From must be a phone number in E.164 form, for example +15005550006.");
        }
    }
}
