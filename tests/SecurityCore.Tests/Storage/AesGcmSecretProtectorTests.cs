using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class AesGcmSecretProtectorTests : IDisposable
{
    private const string Purpose = "signing-key:k1";
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("-----BEGIN PRIVATE KEY----- material");

    private readonly TempDirectory _temp = new();
    private readonly DataDirectoryLock _lock;
    private readonly MasterKey _key;
    private readonly AesGcmSecretProtector _protector;

    public AesGcmSecretProtectorTests()
    {
        _lock = DataDirectoryLock.Acquire(_temp.PathOf("data"));
        _key = MasterKey.Load(null, _lock);
        _protector = new AesGcmSecretProtector(_key);
    }

    public void Dispose()
    {
        _protector.Dispose();
        _key.Dispose();
        _lock.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Unprotect_WhatProtectProduced_ReturnsThePlaintext()
    {
        var protectedData = _protector.Protect(Secret, Purpose);

        Assert.Equal(Secret, _protector.Unprotect(protectedData, Purpose));
    }

    [Fact]
    public void Protect_Format_IsVersionKeyIdNonceCiphertextTag()
    {
        var protectedData = _protector.Protect(Secret, Purpose);

        Assert.Equal(1, protectedData[0]);
        Assert.Equal(1 + 4 + 12 + Secret.Length + 16, protectedData.Length);
        Assert.False(protectedData.AsSpan().IndexOf(Secret.AsSpan(0, 16)) >= 0, "the plaintext must not appear in the output");
    }

    [Fact]
    public void Protect_SameInputTwice_UsesFreshNonces()
    {
        var first = _protector.Protect(Secret, Purpose);
        var second = _protector.Protect(Secret, Purpose);

        Assert.NotEqual(first.AsSpan(5, 12).ToArray(), second.AsSpan(5, 12).ToArray());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Protect_EmptyPlaintext_RoundTrips()
    {
        Assert.Empty(_protector.Unprotect(_protector.Protect([], Purpose), Purpose));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(-1)]
    public void Unprotect_AnyByteTampered_Throws(int position)
    {
        var protectedData = _protector.Protect(Secret, Purpose);
        var index = position >= 0 ? position : protectedData.Length + position;
        protectedData[index] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(protectedData, Purpose));
    }

    [Fact]
    public void Unprotect_OtherPurpose_ThrowsAuthenticationFailure()
    {
        var protectedData = _protector.Protect(Secret, Purpose);

        var failure = Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(protectedData, "signing-key:k2"));
        Assert.Contains("another purpose", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_OtherMasterKey_ThrowsNamingTheMasterKey()
    {
        var protectedData = _protector.Protect(Secret, Purpose);
        using var otherKey = MasterKey.Load(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), _lock);
        using var other = new AesGcmSecretProtector(otherKey);

        var failure = Assert.ThrowsAny<CryptographicException>(() => other.Unprotect(protectedData, Purpose));
        Assert.Contains("another master key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_Truncated_Throws()
    {
        var protectedData = _protector.Protect(Secret, Purpose);

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(protectedData.AsSpan(0, 20), Purpose));
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(protectedData.AsSpan(0, protectedData.Length - 1), Purpose));
    }

    [Fact]
    public void Unprotect_AfterRestartWithTheSameKeyFile_Succeeds()
    {
        var protectedData = _protector.Protect(Secret, Purpose);
        using var reloaded = MasterKey.Load(null, _lock);
        using var protector = new AesGcmSecretProtector(reloaded);

        Assert.Equal(Secret, protector.Unprotect(protectedData, Purpose));
    }
}
