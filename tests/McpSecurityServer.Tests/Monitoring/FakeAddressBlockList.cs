using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>A block list that only reports a count.</summary>
internal sealed class FakeAddressBlockList : IAddressBlockList
{
    public int ActiveCount { get; set; }

    public AddressBlock? GetBlock(string? address) => null;

    public Task<AddressBlock> BlockAsync(string address, TimeSpan duration, string reason, string? incidentId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AddressBlock>>([]);
}
