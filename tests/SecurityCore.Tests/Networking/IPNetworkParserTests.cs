using System.Net;
using McpSecurity.SecurityCore.Networking;

namespace McpSecurity.Tests.SecurityCore.Networking;

public sealed class IPNetworkParserTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5/32")]
    [InlineData(" 10.0.0.0/8 ", "10.0.0.0/8")]
    [InlineData("::1", "::1/128")]
    [InlineData("2001:db8::/64", "2001:db8::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7/32")]
    public void TryParse_AddressOrNetwork_GivesTheNetwork(string entry, string expected)
    {
        Assert.True(IPNetworkParser.TryParse(entry, out var network));
        Assert.Equal(IPNetwork.Parse(expected), network);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("10.0.0.300")]
    [InlineData("10.0.0.0/99")]
    [InlineData("10.0.0.0/")]
    public void TryParse_NotAnAddressOrNetwork_IsRefused(string? entry)
    {
        Assert.False(IPNetworkParser.TryParse(entry, out _));
        Assert.False(IPNetworkParser.TryParseExact(entry, out _));
    }

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/64", "2001:db8::/64")]
    public void TryParse_HostBitsSet_ClearsThem_TryParseExactRefuses(string entry, string cleared)
    {
        Assert.True(IPNetworkParser.TryParse(entry, out var network));
        Assert.Equal(IPNetwork.Parse(cleared), network);
        Assert.False(IPNetworkParser.TryParseExact(entry, out _));
        Assert.True(IPNetworkParser.TryParseExact(cleared, out _));
        Assert.True(IPNetworkParser.TryParseExact("10.0.0.1", out _));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("2001:db8::abcd", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db9::1", false)]
    public void Contains_Address_MatchesItsNetwork(string address, bool expected)
    {
        var networks = IPNetworkParser.ParseAll(["10.0.0.0/8", "2001:db8::/64", "bogus"]);

        Assert.Equal(2, networks.Length);
        Assert.Equal(expected, IPNetworkParser.Contains(networks, IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_NoAddress_IsFalse() =>
        Assert.False(IPNetworkParser.Contains(IPNetworkParser.ParseAll(["0.0.0.0/0"]), null));
}
