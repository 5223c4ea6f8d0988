using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Validates <see cref="TokenOptions"/> at start-up; each failure names the key and the rule.</summary>
/// <remarks>The HS256 key is never echoed in a failure message; only its decoded length is.</remarks>
public sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    private static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinCacheLifetime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxCacheLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxMfaChallengeLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MinSweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxSweepInterval = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        CheckUri(failures, nameof(TokenOptions.Issuer), options.Issuer);
        CheckUri(failures, nameof(TokenOptions.Audience), options.Audience);
        CheckAlgorithm(failures, options);

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > MaxAccessTokenLifetime)
        {
            failures.Add(Fail(nameof(TokenOptions.AccessTokenLifetime), $"must be greater than zero and at most 24 hours (was {Show(options.AccessTokenLifetime)})"));
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add(Fail(nameof(TokenOptions.RefreshTokenLifetime), $"must be greater than zero (was {Show(options.RefreshTokenLifetime)})"));
        }

        if (options.SessionLifetime < options.RefreshTokenLifetime)
        {
            failures.Add(Fail(nameof(TokenOptions.SessionLifetime), $"must be at least Tokens:RefreshTokenLifetime ({Show(options.RefreshTokenLifetime)}) (was {Show(options.SessionLifetime)})"));
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxClockSkew)
        {
            failures.Add(Fail(nameof(TokenOptions.ClockSkew), $"must be between 0 and 5 minutes (was {Show(options.ClockSkew)})"));
        }

        if (options.MfaChallengeLifetime <= TimeSpan.Zero || options.MfaChallengeLifetime > MaxMfaChallengeLifetime)
        {
            failures.Add(Fail(nameof(TokenOptions.MfaChallengeLifetime), $"must be greater than zero and at most 15 minutes (was {Show(options.MfaChallengeLifetime)})"));
        }

        if (options.KeyRotationInterval is { } rotation && rotation < options.AccessTokenLifetime)
        {
            failures.Add(Fail(nameof(TokenOptions.KeyRotationInterval), $"must be empty (rotate on request only) or at least Tokens:AccessTokenLifetime ({Show(options.AccessTokenLifetime)}) (was {Show(rotation)})"));
        }

        if (options.ValidationCacheSize <= 0)
        {
            failures.Add(Fail(nameof(TokenOptions.ValidationCacheSize), $"must be greater than zero (was {options.ValidationCacheSize.ToString(CultureInfo.InvariantCulture)})"));
        }

        if (options.ValidationCacheLifetime < MinCacheLifetime || options.ValidationCacheLifetime > MaxCacheLifetime)
        {
            failures.Add(Fail(nameof(TokenOptions.ValidationCacheLifetime), $"must be between 1 and 60 seconds (was {Show(options.ValidationCacheLifetime)})"));
        }

        if (options.SweepInterval < MinSweepInterval || options.SweepInterval > MaxSweepInterval)
        {
            failures.Add(Fail(nameof(TokenOptions.SweepInterval), $"must be between 1 second and 1 day (was {Show(options.SweepInterval)})"));
        }

        CheckScopes(failures, options.DefaultScopes);

        if (string.IsNullOrWhiteSpace(options.LoginClientId) || options.LoginClientId.Contains(' ', StringComparison.Ordinal))
        {
            failures.Add(Fail(nameof(TokenOptions.LoginClientId), "must be a non-empty client id without spaces"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAlgorithm(List<string> failures, TokenOptions options)
    {
        if (!JwsAlgorithmNames.IsAllowed(options.Algorithm))
        {
            failures.Add(Fail(nameof(TokenOptions.Algorithm), $"unknown algorithm '{options.Algorithm}'; allowed: {string.Join(", ", JwsAlgorithmNames.Allowed)}"));
            return;
        }

        if (string.IsNullOrEmpty(options.HmacKey))
        {
            return;
        }

        if (options.Algorithm != JwsAlgorithmNames.HS256)
        {
            failures.Add(Fail(nameof(TokenOptions.HmacKey), $"is only used with Tokens:Algorithm HS256 (Algorithm is {options.Algorithm}); remove it or set the algorithm to HS256"));
            return;
        }

        if (!HmacKeyDecoder.TryDecode(options.HmacKey, out var key))
        {
            failures.Add(Fail(nameof(TokenOptions.HmacKey), "must be base64 or base64url text of at least 32 bytes (256 bits); it does not decode"));
            return;
        }

        if (key.Length < HmacKeyDecoder.MinimumKeyBytes)
        {
            failures.Add(Fail(nameof(TokenOptions.HmacKey), $"must decode to at least 32 bytes (256 bits) for HS256; it decodes to {key.Length.ToString(CultureInfo.InvariantCulture)} bytes"));
        }

        CryptographicOperations.ZeroMemory(key);
    }

    private static void CheckUri(List<string> failures, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add(Fail(key, $"must be an absolute http or https URI without a fragment (was '{value}')"));
        }
    }

    private static void CheckScopes(List<string> failures, string[]? scopes)
    {
        foreach (var scope in scopes ?? [])
        {
            if (!ScopeParser.IsValidScopeToken(scope))
            {
                failures.Add(Fail(nameof(TokenOptions.DefaultScopes), $"'{scope}' is not a valid scope token (RFC 6749 section 3.3: printable ASCII without space, '\"' or '\\')"));
            }
        }
    }

    private static string Fail(string key, string rule) => $"{TokenOptions.SectionName}:{key}: {rule}.";

    private static string Show(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
