using LiteDB;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

/// <summary>The two-factor service over a real LiteDB store and AES-GCM protector, with fake time, a recording SMS sender, captured logs and events.</summary>
internal sealed class TwoFactorTestContext : IDisposable
{
    public const string UserId = "usr_0123456789abcdef";
    public const string Username = "alice@example.org";

    private readonly StoreContext _store = new();
    private readonly MasterKey _key;
    private readonly ILoggerFactory _loggerFactory;

    public TwoFactorTestContext(DateTimeOffset? start = null, TwoFactorOptions? options = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2025, 6, 1, 8, 0, 10, TimeSpan.Zero));
        Options = options ?? new TwoFactorOptions();
        _loggerFactory = Logs.CreateFactory();
        _key = MasterKey.Load(null, _store.Lock);
        Protector = new AesGcmSecretProtector(_key);
        Repository = new LiteDbTwoFactorRepository(_store.Store);
        Service = new TwoFactorService(Repository, Protector, Sms, Events, Microsoft.Extensions.Options.Options.Create(Options), Time,
            _loggerFactory.CreateLogger<TwoFactorService>());
    }

    public FakeTimeProvider Time { get; }

    public TwoFactorOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingSecurityEventSink Events { get; } = new();

    public RecordingSmsSender Sms { get; } = new();

    public AesGcmSecretProtector Protector { get; }

    public LiteDbTwoFactorRepository Repository { get; }

    public TwoFactorService Service { get; }

    public LiteDbStore Store => _store.Store;

    public string DataDirectoryPath => _store.DataDirectoryPath;

    /// <summary>Computes a TOTP code with Otp.NET's own key handling, independent of the service's code path.</summary>
    public static string CodeAt(string base32Secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>Gets the code for now.</summary>
    public string CurrentCode(string base32Secret) => CodeAt(base32Secret, Time.GetUtcNow());

    /// <summary>Reads the raw stored document, as LiteDB keeps it.</summary>
    public BsonDocument RawDocument(string userId = UserId) => Store.Database.GetCollection(LiteDbCollections.TwoFactor).FindById(userId);

    /// <summary>Enrols and confirms TOTP; returns the enrolment and the recovery codes.</summary>
    public async Task<(TotpEnrollment Enrollment, IReadOnlyList<string> RecoveryCodes)> EnrollTotpAsync(string userId = UserId)
    {
        var enrollment = await Service.BeginTotpEnrollmentAsync(userId, Username);
        var confirmed = await Service.ConfirmTotpEnrollmentAsync(userId, CurrentCode(enrollment.Secret));
        return (enrollment, confirmed.RecoveryCodes ?? []);
    }

    /// <summary>Enrols and confirms a phone number; returns the recovery codes when it was the first factor.</summary>
    public async Task<IReadOnlyList<string>?> EnrollSmsAsync(string phoneNumber = "+447700900123", string userId = UserId)
    {
        await Service.BeginSmsEnrollmentAsync(userId, phoneNumber);
        var confirmed = await Service.ConfirmSmsEnrollmentAsync(userId, Sms.LastCode);
        return confirmed.RecoveryCodes;
    }

    /// <summary>Everything logs and events hold, as one text, for "this secret never appears" checks.</summary>
    public string LogsAndEvents() => Logs.AllText + "\n" + string.Join('\n', Events.Events.Select(e =>
        $"{e.Type} {e.Outcome} {e.SubjectId} {e.Target} {e.ReasonCode} {string.Join(',', e.Details.Select(kv => kv.Key + "=" + kv.Value))}"));

    public void Dispose()
    {
        _loggerFactory.Dispose();
        Protector.Dispose();
        _key.Dispose();
        _store.Dispose();
    }
}
