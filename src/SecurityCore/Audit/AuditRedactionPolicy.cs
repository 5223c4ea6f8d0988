using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Keeps secrets and patient data out of the audit trail: detail fields with a secret's name are dropped (their names are
/// listed in <c>redacted</c>), fields with patient or contact data are replaced by <c>hmac:</c> and a keyed-hash prefix
/// (equal values still correlate; the key, derived from the master key, stops dictionary guessing of SSNs or birth dates),
/// and any value that looks like a JWT is replaced.
/// </summary>
/// <remarks>
/// A name matches when, lower-cased with camelCase, dashes, dots and spaces turned into underscores, it equals a listed
/// name or ends with <c>_</c> and that name (<c>new_password</c>, <c>refresh_token</c>). <c>code</c>, <c>pin</c> and a
/// few others match exactly only, so <c>reason_code</c> stays readable.
/// </remarks>
internal sealed partial class AuditRedactionPolicy
{
    /// <summary>The detail member that lists the names of dropped fields.</summary>
    public const string RedactedMarker = "redacted";

    private static readonly string[] DefaultDropSuffixes =
    [
        "password", "passwd", "passphrase", "secret", "token", "otp", "totp", "api_key", "private_key", "key_material",
        "recovery_code", "sms_code", "otp_code", "totp_code", "verification_code", "authorization_code", "backup_code", "mfa_code",
    ];

    private static readonly string[] DefaultDropExact = ["code", "pin", "cookie", "authorization", "set_cookie", "credential", "credentials", "hmac_key", "master_key"];

    private static readonly string[] DefaultHashSuffixes =
    [
        "ssn", "dob", "date_of_birth", "birth_date", "birthdate", "diagnosis", "diagnoses", "mrn", "medical_record_number",
        "patient_name", "patient_id", "insurance_id", "phone_number", "email",
    ];

    private readonly HashSet<string> _dropExact;
    private readonly string[] _dropSuffixes;
    private readonly string[] _hashSuffixes;
    private readonly byte[] _hashKey;

    /// <summary>Creates the policy from the options, keyed from the master key.</summary>
    public AuditRedactionPolicy(IOptions<AuditOptions> options, MasterKey masterKey)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), DeriveKey(masterKey))
    {
    }

    /// <summary>Creates the policy with an explicit hash key (tests).</summary>
    internal AuditRedactionPolicy(AuditOptions options, byte[] hashKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dropExact = new HashSet<string>(DefaultDropExact, StringComparer.Ordinal);
        _dropSuffixes = [.. DefaultDropSuffixes, .. options.DropFields.Select(Normalize)];
        _hashSuffixes = [.. DefaultHashSuffixes, .. options.HashFields.Select(Normalize)];
        _hashKey = hashKey;
    }

    /// <summary>Returns the details that may enter the trail.</summary>
    public Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var kept = new Dictionary<string, string>(details.Count, StringComparer.Ordinal);
        List<string>? dropped = null;
        foreach (var (key, value) in details)
        {
            var name = Normalize(key);
            if (_dropExact.Contains(name) || Matches(name, _dropSuffixes))
            {
                (dropped ??= []).Add(key);
            }
            else if (Matches(name, _hashSuffixes))
            {
                kept[key] = value is null ? "" : HashPrefix(value);
            }
            else if (value is not null && JwtLike().IsMatch(value))
            {
                kept[key] = "[redacted:jwt]";
            }
            else
            {
                kept[key] = value ?? "";
            }
        }

        if (dropped is not null)
        {
            dropped.Sort(StringComparer.Ordinal);
            kept[RedactedMarker] = string.Join(',', dropped);
        }

        return kept;
    }

    /// <summary>Gets the keyed hash prefix that replaces a patient or contact value.</summary>
    public string HashPrefix(string value) =>
        "hmac:" + Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));

    private static bool Matches(string name, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (name == suffix || (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal) && name[^(suffix.Length + 1)] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(c is '-' or '.' or ' ' ? '_' : char.ToLowerInvariant(c));
        }

        return builder.ToString().Trim('_');
    }

    private static byte[] DeriveKey(MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        var key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Key, key, salt: [], info: "mcpsec/audit-redaction-hmac/v1"u8);
        return key;
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex JwtLike();
}
