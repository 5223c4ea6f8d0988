using System.Text.RegularExpressions;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.Tests.SecurityCore.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed partial class Argon2idPasswordHasherTests
{
    // Computed with the Argon2 reference implementation (libargon2, argon2id_hash_encoded), independent of Konscious.
    private const string DefaultParametersVector = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0";

    private static Argon2idPasswordHasher Create(PasswordHashingOptions? options = null) =>
        new(Options.Create(options ?? IdentityTestContext.FastHashing()), NullLogger<Argon2idPasswordHasher>.Instance);

    [Theory]
    [InlineData("password", "$argon2id$v=19$m=256,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("pässwörd ✓", "$argon2id$v=19$m=64,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$jK9EphKxjEbRoum50SGikUfC60xFq2T3kyCGYJx+bw0")]
    public void Verify_ReferenceImplementationVectors_Match(string password, string encoded)
    {
        var hasher = Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 1, Parallelism = 1 });

        Assert.Equal(PasswordVerification.Succeeded, hasher.Verify(encoded, password));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(encoded, password + "x"));
    }

    [Fact]
    public void HashAndVerify_DefaultParameters_Match19MiB2Passes1LaneAndTheReferenceVector()
    {
        var defaults = new PasswordHashingOptions();
        var hasher = Create(defaults);

        var encoded = hasher.Hash("correct horse battery staple");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", encoded, StringComparison.Ordinal);
        Assert.Equal(PasswordVerification.Succeeded, hasher.Verify(encoded, "correct horse battery staple"));
        Assert.Equal(PasswordVerification.Succeeded, hasher.Verify(DefaultParametersVector, "correct horse battery staple"));
    }

    [Fact]
    public void Hash_Always_ProducesPhcStringWithFreshSalt()
    {
        var hasher = Create();

        var first = hasher.Hash("same password");
        var second = hasher.Hash("same password");

        Assert.Matches(PhcPattern(), first);
        Assert.NotEqual(first, second);
        var salt = first.Split('$')[4];
        Assert.Equal(16, Convert.FromBase64String(salt + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(first.Split('$')[5] + "=").Length);
    }

    [Fact]
    public void Verify_WrongPassword_Fails()
    {
        var hasher = Create();

        Assert.Equal(PasswordVerification.Failed, hasher.Verify(hasher.Hash("right password"), "wrong password"));
    }

    [Theory]
    [InlineData(128, 1, 1, 256, 1, 1, PasswordVerification.SucceededRehashNeeded)]
    [InlineData(256, 1, 1, 256, 2, 1, PasswordVerification.SucceededRehashNeeded)]
    [InlineData(256, 1, 1, 256, 1, 2, PasswordVerification.SucceededRehashNeeded)]
    [InlineData(256, 1, 1, 256, 1, 1, PasswordVerification.Succeeded)]
    [InlineData(512, 2, 2, 256, 1, 1, PasswordVerification.Succeeded)]
    public void Verify_HashParametersVersusConfiguration_RehashOnlyWhenWeaker(
        int oldMemory, int oldIterations, int oldParallelism, int memory, int iterations, int parallelism, PasswordVerification expected)
    {
        var old = Create(new PasswordHashingOptions { MemoryKiB = oldMemory, Iterations = oldIterations, Parallelism = oldParallelism });
        var current = Create(new PasswordHashingOptions { MemoryKiB = memory, Iterations = iterations, Parallelism = parallelism });
        var encoded = old.Hash("a password");

        Assert.Equal(expected, current.Verify(encoded, "a password"));
        Assert.Equal(PasswordVerification.Failed, current.Verify(encoded, "another password"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2i$v=19$m=256,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=16$m=256,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=19$m=256,t=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=19$m=256,t=1,p=1$!!!$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=19$m=256,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$")]
    [InlineData("$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=19$m=256,t=1000,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    [InlineData("$argon2id$v=19$m=256,t=-1,p=1$c29tZXNhbHRzb21lc2FsdA$hn7+SzhLFWN5L2vw5todiDT80rAFnVmYwlI26PSf7pM")]
    public void Verify_MalformedOrAbusiveHash_FailsWithoutThrowing(string encoded)
    {
        Assert.Equal(PasswordVerification.Failed, Create().Verify(encoded, "password"));
    }

    [Fact]
    public void Verify_EmptyPassword_FailsWithoutThrowing()
    {
        var hasher = Create();

        Assert.Equal(PasswordVerification.Failed, hasher.Verify(hasher.Hash("x"), ""));
        Assert.Throws<ArgumentException>(() => hasher.Hash(""));
    }

    [Fact]
    public void VerifyDummy_AnySecret_CompletesWithoutThrowing()
    {
        var hasher = Create();

        hasher.VerifyDummy("whatever");
        hasher.VerifyDummy("");
    }

    [Fact]
    public void Constructor_ParametersBelowOwaspMinimum_LogsAWarning()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();

        _ = new Argon2idPasswordHasher(Options.Create(IdentityTestContext.FastHashing()), factory.CreateLogger<Argon2idPasswordHasher>());
        _ = new Argon2idPasswordHasher(Options.Create(new PasswordHashingOptions()), factory.CreateLogger<Argon2idPasswordHasher>());

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("m=256", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidParameters_ThrowsNamingTheKey()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Create(new PasswordHashingOptions { MemoryKiB = 4, Parallelism = 1 }));

        Assert.Contains("Identity:PasswordHashing:MemoryKiB", failure.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=256,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}\z")]
    private static partial Regex PhcPattern();
}
