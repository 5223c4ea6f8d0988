using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Identity;

/// <summary>
/// Argon2id (RFC 9106) password hashing, encoded as a PHC string <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>
/// (base64 without padding), compared in constant time.
/// </summary>
internal sealed partial class Argon2idPasswordHasher : IPasswordHasher
{
    private const string Prefix = "$argon2id$v=19$";

    // A fixed secret and salt: VerifyDummy must cost what a real verification costs, nothing more.
    private static readonly byte[] DummySalt = "mcpsec-dummy-salt"u8.ToArray();
    private const string DummySecret = "mcpsec dummy password for unknown users";

    private readonly PasswordHashingOptions _options;
    private readonly Lazy<string> _dummyHash;

    /// <summary>Creates a hasher with the configured parameters.</summary>
    public Argon2idPasswordHasher(IOptions<PasswordHashingOptions> options, ILogger<Argon2idPasswordHasher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        var validation = new PasswordHashingOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(PasswordHashingOptions.SectionName, typeof(PasswordHashingOptions), validation.Failures);
        }

        // OWASP's equivalent Argon2id settings all spend about m x t >= 36 MiB-passes with m >= 7 MiB.
        if (_options.MemoryKiB < 7168 || (long)_options.MemoryKiB * _options.Iterations < 35840)
        {
            LogWeakParameters(logger, _options.MemoryKiB, _options.Iterations, _options.Parallelism);
        }

        _dummyHash = new Lazy<string>(() => Encode(_options.MemoryKiB, _options.Iterations, _options.Parallelism, DummySalt,
            Compute(DummySecret, DummySalt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, _options.HashLength)));
    }

    /// <inheritdoc />
    public string Hash(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var salt = RandomNumberGenerator.GetBytes(_options.SaltLength);
        var hash = Compute(secret, salt, _options.MemoryKiB, _options.Iterations, _options.Parallelism, _options.HashLength);
        return Encode(_options.MemoryKiB, _options.Iterations, _options.Parallelism, salt, hash);
    }

    /// <inheritdoc />
    public PasswordVerification Verify(string encodedHash, string secret)
    {
        ArgumentNullException.ThrowIfNull(encodedHash);
        ArgumentNullException.ThrowIfNull(secret);
        if (!TryParse(encodedHash, out var parameters))
        {
            return PasswordVerification.Failed;
        }

        // Konscious refuses an empty password; an empty secret never matches, but it must cost the same work.
        var empty = secret.Length == 0;
        var actual = Compute(empty ? "\0" : secret, parameters.Salt, parameters.MemoryKiB, parameters.Iterations, parameters.Parallelism, parameters.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, parameters.Hash) || empty)
        {
            return PasswordVerification.Failed;
        }

        var weaker = parameters.MemoryKiB < _options.MemoryKiB
            || parameters.Iterations < _options.Iterations
            || parameters.Parallelism < _options.Parallelism
            || parameters.Salt.Length < _options.SaltLength
            || parameters.Hash.Length < _options.HashLength;
        return weaker ? PasswordVerification.SucceededRehashNeeded : PasswordVerification.Succeeded;
    }

    /// <inheritdoc />
    public void VerifyDummy(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _ = Verify(_dummyHash.Value, secret);
    }

    internal static bool TryParse(string encoded, out Argon2Parameters parameters)
    {
        parameters = default;
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        int memory = 0, iterations = 0, parallelism = 0;
        var fields = parts[0].Split(',');
        if (fields.Length != 3
            || !TryReadField(fields[0], "m=", out memory)
            || !TryReadField(fields[1], "t=", out iterations)
            || !TryReadField(fields[2], "p=", out parallelism))
        {
            return false;
        }

        // Bounds also protect against a crafted hash in the store turning a login into a denial of service.
        if (parallelism is < 1 or > PasswordHashingOptionsValidator.MaxParallelism
            || iterations is < 1 or > PasswordHashingOptionsValidator.MaxIterations
            || memory < 8 * parallelism || memory > PasswordHashingOptionsValidator.MaxMemoryKiB)
        {
            return false;
        }

        var salt = DecodeBase64(parts[1]);
        var hash = DecodeBase64(parts[2]);
        if (salt is not { Length: >= 8 and <= 64 } || hash is not { Length: >= 16 and <= 64 })
        {
            return false;
        }

        parameters = new Argon2Parameters(memory, iterations, parallelism, salt, hash);
        return true;
    }

    internal static byte[] Compute(string secret, byte[] salt, int memoryKiB, int iterations, int parallelism, int hashLength)
    {
        var password = Encoding.UTF8.GetBytes(secret);
        try
        {
            using var argon2 = new Argon2id(password)
            {
                Salt = salt,
                MemorySize = memoryKiB,
                Iterations = iterations,
                DegreeOfParallelism = parallelism,
            };
            return argon2.GetBytes(hashLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    internal static string Encode(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={memoryKiB},t={iterations},p={parallelism}${EncodeBase64(salt)}${EncodeBase64(hash)}");

    private static bool TryReadField(string field, string name, out int value)
    {
        value = 0;
        return field.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // PHC strings use standard base64 without padding.
    private static string EncodeBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? DecodeBase64(string text)
    {
        if (text.Length == 0 || text.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning,
        Message = "Password hashing parameters m={MemoryKiB} KiB, t={Iterations}, p={Parallelism} are below the OWASP minimum (m=19456, t=2); use them only for tests")]
    private static partial void LogWeakParameters(ILogger logger, int memoryKiB, int iterations, int parallelism);

    internal readonly record struct Argon2Parameters(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash);
}
