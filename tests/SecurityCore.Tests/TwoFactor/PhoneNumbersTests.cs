using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("+447700900123", "+447700900123")]
    [InlineData(" +44 7700 900123 ", "+447700900123")]
    [InlineData("+1 (500) 555-0006", "+15005550006")]
    [InlineData("+49.30.1234567", "+49301234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    [InlineData("+1234567", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("447700900123", null)]
    [InlineData("+0447700900123", null)]
    [InlineData("+44 7700 90O123", null)]
    [InlineData("++447700900123", null)]
    [InlineData("+٤٤7700900123", null)]
    public void Normalize_Input_ReturnsE164OrNull(string input, string? expected) => Assert.Equal(expected, PhoneNumbers.Normalize(input));

    [Theory]
    [InlineData("+447700900123", "+44*******123")]
    [InlineData("+15005550006", "+15******006")]
    [InlineData("+12345678", "+12***678")]
    public void Mask_E164_KeepsCountryPrefixAndLastThreeDigits(string e164, string masked) => Assert.Equal(masked, PhoneNumbers.Mask(e164));
}
