using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Identity;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new(Options.Create(new PasswordPolicyOptions()));

    [Theory]
    [InlineData("all lower case words only", "")]
    [InlineData("Xq9#mLp2vR7!kTw", "")]
    [InlineData("short pass", "at least 15 characters long (it has 10)")]
    [InlineData("Xq9#mLp2vR7!kT", "at least 15 characters long (it has 14)")]
    // Code points, not UTF-16 units: 15 code points in 17 units pass, 14 in 16 units fail.
    [InlineData("żółć🔒gęślą🔑jaźń", "")]
    [InlineData("żółć🔒gęślą🔑jaź", "it has 14")]
    [InlineData("🔒🔑🛡🔒🔑🛡🔒🔑", "it has 8")]
    [InlineData("passwordpassword", "list of common or breached passwords")]
    [InlineData("Correct Horse Battery Staple", "list of common or breached passwords")]
    [InlineData("qwertyuiopasdfghjkl", "list of common or breached passwords")]
    [InlineData("iloveyouiloveyou", "list of common or breached passwords")]
    [InlineData("Password1234567890", "common password with digits or symbols added")]
    [InlineData("!!Sunshine2024!!!!", "common password with digits or symbols added")]
    [InlineData("monkeymonkeymonkeymonkey", "repeats a common password")]
    [InlineData("aaaaaaaaaaaaaaaa", "repeated character")]
    [InlineData("zyxwvutsrqponmlk", "run such as")]
    [InlineData("xyzwxyzwxyzwxyzw", "repeated short sequence")]
    [InlineData("MCPSecurity is great fun", "product name")]
    [InlineData("my mcp-security server rocks", "product name")]
    [InlineData("tab\tinside a long password", "control characters")]
    public void Check_WithoutPrivilegedRole_AppliesTheRule(string password, string expectedMessagePart)
    {
        var result = Policy.Check(password, ["reader"], ["someone"]);

        if (expectedMessagePart.Length == 0)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.NotNull(result);
            Assert.Contains(expectedMessagePart, result, StringComparison.Ordinal);
            Assert.DoesNotContain(password, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_UnpairedSurrogate_RefusedAsInvalidUnicode()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot carry a lone surrogate.
        var password = "long password " + '\uD800' + " here";

        Assert.Contains("invalid Unicode", Policy.Check(password, [], []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("security_reviewer")]
    [InlineData("architect")]
    public void Check_PrivilegedRole_Needs16Characters(string role)
    {
        var fifteen = "Xq9#mLp2vR7!kTw";

        var refused = Policy.Check(fifteen, ["reader", role], []);

        Assert.NotNull(refused);
        Assert.Contains("at least 16 characters", refused, StringComparison.Ordinal);
        Assert.Contains($"'{role}'", refused, StringComparison.Ordinal);
        Assert.Null(Policy.Check(fifteen + "z", [role], []));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(128)]
    public void Check_LongPassphrase_UpTo128IsAllowed(int length)
    {
        var passphrase = string.Concat(Enumerable.Repeat("river stone maple ", 10))[..length];

        Assert.Null(Policy.Check(passphrase, [], []));
    }

    [Fact]
    public void Check_Over128Characters_RefusedNamingTheMaximum()
    {
        var passphrase = string.Concat(Enumerable.Repeat("river stone maple ", 10))[..129];

        Assert.Contains("at most 128 characters", Policy.Check(passphrase, [], []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice.smith", "alice.smith loves long walks")]
    [InlineData("alice.smith", "Alice-Smith loves long walks")]
    [InlineData("robert@example.com", "Robert likes green tea daily")]
    public void Check_ContainsAContextWord_Refused(string username, string password)
    {
        var at = username.IndexOf('@', StringComparison.Ordinal);
        string[] context = at > 0 ? [username, username[..at]] : [username];

        Assert.Contains("username or the e-mail name", Policy.Check(password, [], context), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShortContextWord_NotAppliedAsSubstring()
    {
        Assert.Null(Policy.Check("bobsled journeys in winter", [], ["bob@example.com", "bob"]));
    }

    [Fact]
    public void Check_ConfiguredBlockedWord_RefusedNamingTheKey()
    {
        var policy = new PasswordPolicy(Options.Create(new PasswordPolicyOptions { BlockedWords = ["contoso"] }));

        Assert.Contains("Identity:PasswordPolicy:BlockedWords", policy.Check("Contoso rocks all day long", [], []), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConfiguredPrivilegedRoles_ReplaceTheDefaults()
    {
        var policy = new PasswordPolicy(Options.Create(new PasswordPolicyOptions { PrivilegedRoles = ["operator"] }));

        Assert.Null(policy.Check("Xq9#mLp2vR7!kTw", [Roles.Admin], []));
        Assert.NotNull(policy.Check("Xq9#mLp2vR7!kTw", ["operator"], []));
    }

    [Theory]
    [InlineData(7, 16, 128, "MinimumLength")]
    [InlineData(15, 14, 128, "PrivilegedMinimumLength")]
    [InlineData(15, 16, 63, "MaximumLength")]
    public void Constructor_InvalidOptions_ThrowsNamingTheKey(int minimum, int privileged, int maximum, string key)
    {
        var options = new PasswordPolicyOptions { MinimumLength = minimum, PrivilegedMinimumLength = privileged, MaximumLength = maximum };

        var failure = Assert.Throws<OptionsValidationException>(() => new PasswordPolicy(Options.Create(options)));

        Assert.Contains($"Identity:PasswordPolicy:{key}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultBlocklist_IsEmbeddedWithThousandsOfLowerCaseEntries()
    {
        var list = PasswordBlocklist.Default;

        Assert.InRange(list.Count, 2000, 100_000);
        Assert.True(list.Contains("password"));
        Assert.True(list.Contains("correcthorsebatterystaple"));
        Assert.False(list.Contains("Password"));
    }
}
