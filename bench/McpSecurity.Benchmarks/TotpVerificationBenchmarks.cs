using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

/// <summary>
/// TOTP verification (target under 5 µs): the check itself (three HMAC-SHA1 steps, constant-time compare), the check
/// with the AES-GCM decryption of the stored secret, and the whole service call over the LiteDB store.
/// </summary>
/// <remarks>Run alone: <c>dotnet run -c Release --project bench/McpSecurity.Benchmarks -- --filter *TotpVerification* --job short</c>.</remarks>
[MemoryDiagnoser]
public class TotpVerificationBenchmarks : IDisposable
{
    private const string UserId = "usr_bench";
    private readonly DateTimeOffset _now = new(2025, 6, 1, 8, 0, 10, TimeSpan.Zero);
    private string _directory = "";
    private DataDirectoryLock _lock = null!;
    private MasterKey _masterKey = null!;
    private AesGcmSecretProtector _protector = null!;
    private LiteDbStore _store = null!;
    private TwoFactorService _service = null!;
    private byte[] _secret = [];
    private byte[] _encryptedSecret = [];
    private string _code = "";
    private string _wrongCode = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "mcpsec-bench", Guid.NewGuid().ToString("N"));
        _lock = DataDirectoryLock.Acquire(_directory);
        _masterKey = MasterKey.Load(null, _lock);
        _protector = new AesGcmSecretProtector(_masterKey);
        _store = new LiteDbStore(_lock, NullLogger<LiteDbStore>.Instance);
        _secret = RandomNumberGenerator.GetBytes(20);
        _encryptedSecret = _protector.Protect(_secret, TwoFactorService.TotpSecretPurpose);
        var step = TotpCalculator.StepAt(_now, 30);
        _code = TotpCalculator.Compute(_secret, TotpParameters.Default, step);
        var window = new[] { step - 1, step, step + 1 }.Select(s => TotpCalculator.Compute(_secret, TotpParameters.Default, s)).ToHashSet();
        _wrongCode = Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !window.Contains(c));

        _service = new TwoFactorService(new LiteDbTwoFactorRepository(_store), _protector, new DiscardingSmsSender(), new DiscardingEventSink(),
            Options.Create(new TwoFactorOptions()), new FixedTimeProvider(_now), NullLogger<TwoFactorService>.Instance);
        _service.BeginTotpEnrollmentAsync(UserId, "bench", _secret, TotpParameters.Default, CancellationToken.None).GetAwaiter().GetResult();
        _service.ConfirmTotpEnrollmentAsync(UserId, _code).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _store?.Dispose();
        _protector?.Dispose();
        _masterKey?.Dispose();
        _lock?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The check alone: three steps computed and compared, the code matching the current one.</summary>
    [Benchmark(Baseline = true)]
    public long? Verify() => TotpCalculator.Verify(_secret, TotpParameters.Default, _now, 1, _code, lastUsedStep: null).Step;

    /// <summary>What the service does per code before touching the store: decrypt the secret, check, zero it.</summary>
    [Benchmark]
    public long? DecryptAndVerify()
    {
        var secret = _protector.Unprotect(_encryptedSecret, TwoFactorService.TotpSecretPurpose);
        try
        {
            return TotpCalculator.Verify(secret, TotpParameters.Default, _now, 1, _code, lastUsedStep: null).Step;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The whole service call with a wrong code: LiteDB read, decrypt, check, versioned write of the failure count, event.</summary>
    [Benchmark]
    public TwoFactorVerificationResult ServiceVerifyWrongCode() => _service.VerifyTotpAsync(UserId, _wrongCode).GetAwaiter().GetResult();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class DiscardingEventSink : ISecurityEventSink
    {
        public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class DiscardingSmsSender : ISmsSender
    {
        public string Provider => "none";

        public Task<SmsDeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SmsDeliveryResult(Provider, null, null));
    }
}
