using McpSecurity.SecurityCore.Clerk;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class ClerkOptionsValidatorTests
{
    private const string SecretKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc0a1b2c3d";
    private const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Validate_Disabled_AcceptsAnything()
    {
        var options = new ClerkOptions { Enabled = false, Issuer = "not a url", SecretKey = "nope", ClockSkew = TimeSpan.FromDays(3) };

        Assert.True(new ClerkOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_CompleteProductionSettings_Succeeds()
    {
        var result = new ClerkOptionsValidator().Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4000")]
    [InlineData("http://localhost:4000")]
    [InlineData("http://[::1]:4000")]
    [InlineData("https://clerk.example.com/")]
    [InlineData("https://example.clerk.accounts.dev")]
    public void Validate_AcceptableIssuer_Succeeds(string issuer)
    {
        var options = Valid();
        options.Issuer = issuer;

        Assert.True(new ClerkOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Issuer", null, "Clerk:Issuer must be set")]
    [InlineData("Issuer", "clerk.example.com", "Clerk:Issuer must be an absolute https URL")]
    [InlineData("Issuer", "http://clerk.example.com", "Clerk:Issuer must be an absolute https URL")]
    [InlineData("Issuer", "https://clerk.example.com?x=1", "Clerk:Issuer must be an absolute https URL")]
    [InlineData("Issuer", "https://user:pw@clerk.example.com", "Clerk:Issuer must be an absolute https URL")]
    [InlineData("JwksUrl", "ftp://clerk.example.com/jwks", "Clerk:JwksUrl must be an absolute https URL")]
    [InlineData("BackendApiBaseUrl", "", "Clerk:BackendApiBaseUrl must be set")]
    [InlineData("BackendApiBaseUrl", "http://api.clerk.com", "Clerk:BackendApiBaseUrl must be an absolute https URL")]
    [InlineData("SecretKey", null, "Clerk:SecretKey must be set")]
    [InlineData("SecretKey", "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", "Clerk:SecretKey must be set")]
    [InlineData("SecretKey", "sk_test_ with space inside", "Clerk:SecretKey must be set")]
    [InlineData("WebhookSigningSecret", null, "Clerk:WebhookSigningSecret must be set")]
    [InlineData("WebhookSigningSecret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Clerk:WebhookSigningSecret must be set")]
    [InlineData("WebhookSigningSecret", "whsec_AAAA", "Clerk:WebhookSigningSecret must be set")]
    public void Validate_BadValue_FailsNamingTheKeyButNotTheValue(string key, string? value, string expected)
    {
        var options = Valid();
        typeof(ClerkOptions).GetProperty(key)!.SetValue(options, value);

        var result = new ClerkOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        if (key is "SecretKey" or "WebhookSigningSecret" && value is not null)
        {
            Assert.DoesNotContain(value, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("app.example.com")]
    [InlineData("http://app.example.com")]
    public void Validate_AuthorizedPartyNotAnOrigin_FailsNamingTheEntry(string party)
    {
        var options = Valid();
        options.AuthorizedParties = ["https://ok.example.com", party];

        var result = new ClerkOptionsValidator().Validate(null, options);

        Assert.Contains("Clerk:AuthorizedParties:1 must be an origin", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RoleMapping", "reviewer", "", "Clerk:RoleMapping:reviewer must list")]
    [InlineData("RoleMapping", "reviewer", "Security Reviewer", "Clerk:RoleMapping:reviewer must list")]
    [InlineData("OrganizationRoleMapping", "admin", "tech_lead, ADMIN", "Clerk:OrganizationRoleMapping:admin must list")]
    [InlineData("RoleMapping", "has space", "admin", "Clerk:RoleMapping has a key")]
    public void Validate_BadMapping_FailsNamingIt(string property, string clerkRole, string ourRoles, string expected)
    {
        var options = Valid();
        var mapping = (Dictionary<string, string>)typeof(ClerkOptions).GetProperty(property)!.GetValue(options)!;
        mapping[clerkRole] = ourRoles;

        var result = new ClerkOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadDefaultRoleAndDurations_FailNamingEachKey()
    {
        var options = Valid();
        options.DefaultRoles = ["developer", "Not A Role"];
        options.JwksCacheLifetime = TimeSpan.FromSeconds(10);
        options.JwksMinimumRefreshInterval = TimeSpan.Zero;
        options.ClockSkew = TimeSpan.FromMinutes(10);
        options.HttpTimeout = TimeSpan.FromMinutes(10);

        var message = new ClerkOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("Clerk:DefaultRoles:1", message, StringComparison.Ordinal);
        Assert.Contains("Clerk:JwksCacheLifetime", message, StringComparison.Ordinal);
        Assert.Contains("Clerk:JwksMinimumRefreshInterval", message, StringComparison.Ordinal);
        Assert.Contains("Clerk:ClockSkew", message, StringComparison.Ordinal);
        Assert.Contains("Clerk:HttpTimeout", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefreshIntervalLongerThanTheCache_Fails()
    {
        var options = Valid();
        options.JwksCacheLifetime = TimeSpan.FromMinutes(5);
        options.JwksMinimumRefreshInterval = TimeSpan.FromMinutes(10);

        Assert.Contains("must not exceed Clerk:JwksCacheLifetime", new ClerkOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ClerkRoleMapper_MapsMetadataAndOrganizationRolesWithDefaults()
    {
        var options = Valid();
        options.DefaultRoles = ["developer"];
        var mapper = new ClerkRoleMapper(Microsoft.Extensions.Options.Options.Create(options));

        Assert.Equal(["developer"], mapper.Map([], null));
        Assert.Equal(["developer", "security_reviewer"], mapper.Map(["reviewer", "unknown"], "member"));
        Assert.Equal(["architect", "developer", "qa_engineer", "tech_lead"], mapper.Map(["architect"], "admin"));
        Assert.Equal(["developer"], mapper.Map(["Reviewer"], "org:admin"));
    }

    private static ClerkOptions Valid() => new()
    {
        Enabled = true,
        Issuer = "https://clerk.example.com",
        AuthorizedParties = ["https://app.example.com", "http://localhost:3000"],
        SecretKey = SecretKey,
        WebhookSigningSecret = WebhookSecret,
        RoleMapping = new(StringComparer.Ordinal) { ["reviewer"] = "security_reviewer", ["architect"] = "architect qa_engineer" },
        OrganizationRoleMapping = new(StringComparer.Ordinal) { ["admin"] = "tech_lead" },
    };
}
