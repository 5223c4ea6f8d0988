using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class SvixWebhookVerifierTests
{
    private const string Id = "msg_2mQE1bV7Yx3Kc9LzWn5TpR8dH0f";
    private static readonly byte[] NewKey = Enumerable.Range(1, 24).Select(i => (byte)i).ToArray();
    private static readonly byte[] OldKey = Enumerable.Range(101, 24).Select(i => (byte)i).ToArray();
    private static readonly byte[] Body = ClerkTestContext.FixtureBytes("user.created.json");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Verify_SvixDocumentedExample_IsAccepted()
    {
        using var vector = JsonDocument.Parse(ClerkTestContext.Fixture("svix-vector.json"));
        var root = vector.RootElement;
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(root.GetProperty("svix_timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        var verifier = Verifier(root.GetProperty("secret").GetString()!, time);

        var result = verifier.Verify(root.GetProperty("svix_id").GetString(), root.GetProperty("svix_timestamp").GetString(),
            root.GetProperty("svix_signature").GetString(), Encoding.UTF8.GetBytes(root.GetProperty("payload").GetString()!));

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Verify_GoodSignature_IsAccepted()
    {
        var result = Verify(NewKey, Sign(NewKey, Body));

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Verify_TamperedBody_RefusesBadSignature()
    {
        var signature = Sign(NewKey, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("\"public_metadata\": {}", "\"public_metadata\": {\"role\": \"admin\"}", StringComparison.Ordinal));
        Assert.NotEqual(Body, tampered);

        var result = Verifier(NewKey).Verify(Id, Now(), signature, tampered);

        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, result.ErrorCode);
    }

    [Fact]
    public void Verify_TamperedIdOrTimestamp_RefusesBadSignature()
    {
        var signature = Sign(NewKey, Body);
        var verifier = Verifier(NewKey);

        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, verifier.Verify(Id + "x", Now(), signature, Body).ErrorCode);
        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, verifier.Verify(Id, (_time.GetUtcNow().ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Body).ErrorCode);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(3600, false)]
    public void Verify_OldTimestamp_RefusedBeyondFiveMinutes(int ageSeconds, bool accepted)
    {
        var signature = Sign(NewKey, Body);
        var timestamp = Now();
        _time.Advance(TimeSpan.FromSeconds(ageSeconds));

        var result = Verifier(NewKey).Verify(Id, timestamp, signature, Body);

        Assert.Equal(accepted, result.Succeeded);
        Assert.Equal(accepted ? null : SecurityErrorCodes.ClerkWebhookStaleTimestamp, result.ErrorCode);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(86400, false)]
    public void Verify_FutureTimestamp_RefusedBeyondFiveMinutes(int aheadSeconds, bool accepted)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds() + aheadSeconds;
        var signature = ClerkTestContext.SvixSignature(NewKey, Id, timestamp, Body);

        var result = Verifier(NewKey).Verify(Id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Body);

        Assert.Equal(accepted, result.Succeeded);
        Assert.Equal(accepted ? null : SecurityErrorCodes.ClerkWebhookStaleTimestamp, result.ErrorCode);
        if (!accepted)
        {
            Assert.Contains("future", result.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "1", "v1,x", "svix-id")]
    [InlineData(Id, null, "v1,x", "svix-timestamp")]
    [InlineData(Id, "1", null, "svix-signature")]
    [InlineData("", " ", "", "svix-id, svix-timestamp, svix-signature")]
    public void Verify_MissingHeader_RefusesNamingIt(string? id, string? timestamp, string? signature, string named)
    {
        var result = Verifier(NewKey).Verify(id, timestamp, signature, Body);

        Assert.Equal(SecurityErrorCodes.ClerkWebhookMissingHeaders, result.ErrorCode);
        Assert.Contains(named, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("+1717228800")]
    public void Verify_MalformedTimestamp_RefusesMissingHeaders(string timestamp)
    {
        var result = Verifier(NewKey).Verify(Id, timestamp, Sign(NewKey, Body), Body);

        Assert.Equal(SecurityErrorCodes.ClerkWebhookMissingHeaders, result.ErrorCode);
    }

    [Fact]
    public void Verify_RotatedSecretWithOldAndNewSignatures_IsAcceptedUnderEither()
    {
        // During a rotation Svix signs with both secrets and sends both signatures; either configured secret must verify.
        var header = Sign(OldKey, Body) + " " + Sign(NewKey, Body);

        Assert.True(Verify(NewKey, header).Succeeded);
        Assert.True(Verify(OldKey, header).Succeeded);
        Assert.True(Verify(NewKey, Sign(NewKey, Body) + " " + Sign(OldKey, Body)).Succeeded);
    }

    [Fact]
    public void Verify_TwoSignaturesNeitherMatching_RefusesBadSignature()
    {
        var header = Sign(OldKey, Body) + " " + Sign(OldKey, Encoding.UTF8.GetBytes("other"));

        Assert.Equal(SecurityErrorCodes.ClerkWebhookBadSignature, Verify(NewKey, header).ErrorCode);
    }

    [Theory]
    [InlineData("v2,{sig}")]
    [InlineData("v1a,{sig}")]
    [InlineData("{sig}")]
    [InlineData("v1,not-base64!!")]
    [InlineData("v1,AAAA")]
    [InlineData("v1,")]
    [InlineData("   ")]
    public void Verify_SignatureOfOtherVersionOrGarbage_RefusesBadSignature(string template)
    {
        var correct = Sign(NewKey, Body)["v1,".Length..];
        var header = template.Replace("{sig}", correct, StringComparison.Ordinal);

        var result = Verify(NewKey, header);

        Assert.False(result.Succeeded);
        Assert.Contains(result.ErrorCode, new[] { SecurityErrorCodes.ClerkWebhookBadSignature, SecurityErrorCodes.ClerkWebhookMissingHeaders });
    }

    [Fact]
    public void Verify_ManyGarbageEntriesBeforeTheGoodOne_StopsAfterTheLimit()
    {
        var garbage = string.Join(' ', Enumerable.Repeat("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 16));

        Assert.False(Verify(NewKey, garbage + " " + Sign(NewKey, Body)).Succeeded);
        Assert.True(Verify(NewKey, Sign(NewKey, Body) + " " + garbage).Succeeded);
    }

    [Fact]
    public void Verify_NoSecretConfigured_RefusesClerkDisabled()
    {
        var verifier = new SvixWebhookVerifier(Microsoft.Extensions.Options.Options.Create(new ClerkOptions()), _time);

        Assert.Equal(SecurityErrorCodes.ClerkDisabled, verifier.Verify(Id, Now(), Sign(NewKey, Body), Body).ErrorCode);
    }

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAA==", true)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)]
    [InlineData("whsec_", false)]
    [InlineData("whsec_AAAA", false)]
    [InlineData("whsec_not base64!", false)]
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)]
    [InlineData(null, false)]
    public void TryDecodeSecret_Rows(string? secret, bool valid)
    {
        Assert.Equal(valid, SvixWebhookVerifier.TryDecodeSecret(secret, out var key));
        Assert.Equal(valid, key.Length >= 16);
    }

    private SvixVerification Verify(byte[] configuredKey, string signatureHeader) => Verifier(configuredKey).Verify(Id, Now(), signatureHeader, Body);

    private SvixWebhookVerifier Verifier(byte[] key) => Verifier("whsec_" + Convert.ToBase64String(key), _time);

    private static SvixWebhookVerifier Verifier(string secret, TimeProvider time) =>
        new(Microsoft.Extensions.Options.Options.Create(new ClerkOptions { WebhookSigningSecret = secret }), time);

    private string Sign(byte[] key, byte[] body) => ClerkTestContext.SvixSignature(key, Id, _time.GetUtcNow().ToUnixTimeSeconds(), body);

    private string Now() => _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
