using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Tests.Support;

namespace JourneyTriggers.Standalone.Tests.Smtp;

/// <summary>Against a real SMTP server (maildev) that refuses our mail for good: it wants authentication we do not give.</summary>
public sealed class SmtpRefusalTests(AuthenticatingMailServer mail) : IClassFixture<AuthenticatingMailServer>, IDisposable
{
    readonly SmtpOutbox outbox = new();

    public void Dispose() => outbox.Dispose();

    [Fact]
    public async Task A_permanent_refusal_fails_the_message_with_the_servers_reason()
    {
        await outbox.SaveEmail("m-refused", "c-ann");

        using (var dispatcher = outbox.Dispatcher(mail.Server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => outbox.Status("m-refused") == "failed", what: "failed");
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var entry = Assert.Single(await outbox.Reader.ListAsync("c-ann", 10));
        Assert.Equal((OutboxStatus.Failed, 1), (entry.Status, entry.Attempts));
        Assert.StartsWith("530 ", entry.LastError);
        Assert.Null(entry.DeliveredAt);
        Assert.Empty(await mail.Server.EmailsAsync());
    }
}
