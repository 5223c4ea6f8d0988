using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditRedactionPolicyTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    private static AuditRedactionPolicy Policy(AuditOptions? options = null) => new(options ?? new AuditOptions(), Key);

    [Theory]
    [InlineData("password")]
    [InlineData("Password")]
    [InlineData("new_password")]
    [InlineData("currentPassword")]
    [InlineData("client_secret")]
    [InlineData("refresh_token")]
    [InlineData("access-token")]
    [InlineData("token")]
    [InlineData("code")]
    [InlineData("otp")]
    [InlineData("totp_code")]
    [InlineData("recovery_code")]
    [InlineData("api_key")]
    [InlineData("private_key")]
    [InlineData("authorization")]
    public void Redact_SecretFieldName_IsDroppedAndNamed(string name)
    {
        var result = Policy().Redact(new Dictionary<string, string> { [name] = "s3cr3t-value", ["kind"] = "session" });

        Assert.False(result.ContainsKey(name));
        Assert.Equal(name, result[AuditRedactionPolicy.RedactedMarker]);
        Assert.Equal("session", result["kind"]);
        Assert.DoesNotContain(result.Values, v => v.Contains("s3cr3t-value", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ssn", "078-05-1120")]
    [InlineData("patient_ssn", "078-05-1120")]
    [InlineData("dob", "1970-01-01")]
    [InlineData("date_of_birth", "1970-01-01")]
    [InlineData("diagnosis", "J45.909")]
    [InlineData("mrn", "MRN-0042")]
    [InlineData("phone_number", "+15550100")]
    public void Redact_PatientFieldName_IsReplacedByAKeyedHashPrefix(string name, string value)
    {
        var result = Policy().Redact(new Dictionary<string, string> { [name] = value });

        Assert.Matches("^hmac:[0-9a-f]{16}$", result[name]);
        Assert.Equal(Policy().HashPrefix(value), result[name]);
        Assert.NotEqual(new AuditRedactionPolicy(new AuditOptions(), new byte[32]).HashPrefix(value), result[name]);
        Assert.False(result.ContainsKey(AuditRedactionPolicy.RedactedMarker));
    }

    [Theory]
    [InlineData("reason_code")]
    [InlineData("provider_error_code")]
    [InlineData("password_source")]
    [InlineData("refresh_tokens_revoked")]
    [InlineData("key_id")]
    [InlineData("session_id")]
    [InlineData("username")]
    public void Redact_OrdinaryFieldName_IsKept(string name)
    {
        var result = Policy().Redact(new Dictionary<string, string> { [name] = "visible" });

        Assert.Equal("visible", result[name]);
    }

    [Fact]
    public void Redact_ValueThatLooksLikeAJwt_IsReplacedWhateverTheName()
    {
        var result = Policy().Redact(new Dictionary<string, string> { ["note"] = "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" });

        Assert.Equal("[redacted:jwt]", result["note"]);
    }

    [Fact]
    public void Redact_ConfiguredNames_AreDroppedOrHashed()
    {
        var policy = Policy(new AuditOptions { DropFields = ["pager_pin"], HashFields = ["ward"] });

        var result = policy.Redact(new Dictionary<string, string> { ["pager_pin"] = "9999", ["ward"] = "oncology", ["bed_ward"] = "b", ["other"] = "x" });

        Assert.False(result.ContainsKey("pager_pin"));
        Assert.StartsWith("hmac:", result["ward"], StringComparison.Ordinal);
        Assert.StartsWith("hmac:", result["bed_ward"], StringComparison.Ordinal);
        Assert.Equal("x", result["other"]);
    }
}
