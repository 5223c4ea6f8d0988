using System.Security.Cryptography;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// First run: an active signing key and a first administrator, either chosen by configuration (Bootstrap:AdminUser,
/// Bootstrap:AdminPassword; must pass the policy, no forced change) or with a generated password written once to
/// <c>&lt;data-dir&gt;/initial-admin-password</c> (mode 0600) that must be changed at first login. Idempotent.
/// </summary>
internal sealed partial class BootstrapService(
    ISigningKeyService signingKeys,
    IUserRepository users,
    IUserService userService,
    IPasswordPolicy policy,
    IOptions<BootstrapOptions> options,
    DataDirectoryLock dataDirectory,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<BootstrapService> logger) : IBootstrapService, IDisposable
{
    /// <summary>The file the generated password is written to, inside the data directory.</summary>
    public const string PasswordFileName = "initial-admin-password";

    /// <summary>The length of a generated password: 24 characters of 57 give about 140 bits.</summary>
    public const int GeneratedPasswordLength = 24;

    // No look-alike characters (0/O, 1/l/I): the password is read off a terminal and typed once.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task<BootstrapResult> EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            signingKeys.EnsureActiveKey();
            var settings = options.Value;
            var username = IdentityRules.NormalizeUsername(settings.AdminUser);
            var passwordFile = dataDirectory.GetFilePath(PasswordFileName);

            if (users.CountWithRole(Roles.Admin) > 0)
            {
                RemoveStalePasswordFile(username, passwordFile);
                return new BootstrapResult(false, null, null, null);
            }

            if (!IdentityRules.IsValidUsername(username))
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"Bootstrap:AdminUser must be {IdentityRules.UsernameRule}.");
            }

            if (users.FindByUsername(username) is not null)
            {
                throw new SecurityException(SecurityErrorCodes.Conflict,
                    $"Bootstrap:AdminUser '{username}' already exists without the {Roles.Admin} role; choose another name for the first administrator.");
            }

            return string.IsNullOrEmpty(settings.AdminPassword)
                ? await CreateWithGeneratedPasswordAsync(username, passwordFile, cancellationToken).ConfigureAwait(false)
                : await CreateWithConfiguredPasswordAsync(username, settings.AdminPassword, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate.</summary>
    public void Dispose() => _gate.Dispose();

    private async Task<BootstrapResult> CreateWithConfiguredPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        UserAccount account;
        try
        {
            account = await userService.CreateAsync(username, password, [Roles.Admin], mustChangePassword: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityException ex) when (ex.Code == SecurityErrorCodes.PasswordPolicyViolation)
        {
            throw new SecurityException(SecurityErrorCodes.PasswordPolicyViolation, $"Bootstrap:AdminPassword does not satisfy the password policy: {ex.Message}");
        }

        LogCreatedWithConfiguredPassword(logger, account.Username, account.Id);
        await PublishAsync(account, generated: false, cancellationToken).ConfigureAwait(false);
        return new BootstrapResult(true, account.Username, null, null);
    }

    private async Task<BootstrapResult> CreateWithGeneratedPasswordAsync(string username, string passwordFile, CancellationToken cancellationToken)
    {
        var password = GeneratePassword(username);

        // The file is written before the account exists: an account whose only password was lost would lock the operator out.
        if (File.Exists(passwordFile))
        {
            File.Delete(passwordFile);
        }

        PrivateFile.CreateNew(passwordFile, password + "\n");
        UserAccount account;
        try
        {
            account = await userService.CreateAsync(username, password, [Roles.Admin], mustChangePassword: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(passwordFile);
            throw;
        }

        LogCreatedWithGeneratedPassword(logger, account.Username, account.Id, passwordFile);
        await PublishAsync(account, generated: true, cancellationToken).ConfigureAwait(false);
        return new BootstrapResult(true, account.Username, password, passwordFile);
    }

    private string GeneratePassword(string username)
    {
        // A uniform random string practically always passes; the loop only guards against a freak match of a context word.
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var candidate = new string(RandomNumberGenerator.GetItems<char>(Alphabet, GeneratedPasswordLength));
            if (policy.Check(candidate, [Roles.Admin], IdentityRules.ContextWords(username)) is null)
            {
                return candidate;
            }
        }

        throw new SecurityException(SecurityErrorCodes.InternalError,
            "No generated password satisfied the password policy; check Identity:PasswordPolicy (the privileged minimum must be at most 24).");
    }

    private void RemoveStalePasswordFile(string username, string passwordFile)
    {
        // Once the bootstrap administrator has chosen a password, the generated one in the file is useless: do not leave it lying around.
        if (File.Exists(passwordFile) && users.FindByUsername(username) is { MustChangePassword: false })
        {
            File.Delete(passwordFile);
            LogStalePasswordFileRemoved(logger, passwordFile);
        }
    }

    private ValueTask PublishAsync(UserAccount account, bool generated, CancellationToken cancellationToken) =>
        events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.BootstrapAdminCreated,
            OccurredAt = time.GetUtcNow(),
            SubjectId = account.Id,
            Target = account.Username,
            Details = new Dictionary<string, string>
            {
                ["password_source"] = generated ? "generated" : "configuration",
                ["must_change_password"] = generated ? "true" : "false",
            },
        }, cancellationToken);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Warning,
        Message = "Bootstrap administrator {Username} ({UserId}) created with a generated password, written to {PasswordFile}; it must be changed at first login")]
    private static partial void LogCreatedWithGeneratedPassword(ILogger logger, string username, string userId, string passwordFile);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Information,
        Message = "Bootstrap administrator {Username} ({UserId}) created with the password from Bootstrap:AdminPassword")]
    private static partial void LogCreatedWithConfiguredPassword(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Information,
        Message = "Removed {PasswordFile}: the bootstrap administrator has changed the generated password")]
    private static partial void LogStalePasswordFileRemoved(ILogger logger, string passwordFile);
}
