using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Tests.SecurityCore.Events;

public sealed class SecurityActorScopeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly SecurityActor Alice = new("usr_alice", "web", ["developer"], AuthenticationMethodNames.PasswordTotp, "198.51.100.4", "req-1");

    [Fact]
    public void Complete_EventOfTheCurrentCaller_FillsWhatItLeftEmpty()
    {
        using (SecurityActorScope.Begin(Alice))
        {
            var completed = SecurityActorScope.Complete(new SecurityEvent { Type = "x", OccurredAt = At, SubjectId = "usr_alice" });

            Assert.Equal(["developer"], completed.Roles);
            Assert.Equal(AuthenticationMethodNames.PasswordTotp, completed.AuthenticationMethod);
            Assert.Equal(("198.51.100.4", "req-1", "web"), (completed.Address, completed.RequestId, completed.ClientId));
        }
    }

    [Fact]
    public void Complete_KeepsWhatTheEventSaysItself()
    {
        using (SecurityActorScope.Begin(Alice))
        {
            var completed = SecurityActorScope.Complete(new SecurityEvent { Type = "x", OccurredAt = At, SubjectId = "usr_alice", Address = "192.0.2.1", Roles = ["admin"] });

            Assert.Equal("192.0.2.1", completed.Address);
            Assert.Equal(["admin"], completed.Roles);
            Assert.Equal("req-1", completed.RequestId);
        }
    }

    [Fact]
    public void Complete_EventAboutSomeoneElse_StaysAsItIs()
    {
        var other = new SecurityEvent { Type = "x", OccurredAt = At, SubjectId = "usr_bob" };
        using (SecurityActorScope.Begin(Alice))
        {
            Assert.Same(other, SecurityActorScope.Complete(other));
        }
    }

    [Fact]
    public async Task Begin_FlowsIntoAsyncWorkAndEndsWithTheScope()
    {
        SecurityActor? inside;
        using (SecurityActorScope.Begin(Alice))
        {
            inside = await Task.Run(() => SecurityActorScope.Current);
        }

        Assert.Same(Alice, inside);
        Assert.Null(SecurityActorScope.Current);
    }
}
