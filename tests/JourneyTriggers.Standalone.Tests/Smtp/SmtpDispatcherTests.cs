using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Tests.Support;

namespace JourneyTriggers.Standalone.Tests.Smtp;

/// <summary>Against a real SMTP server (maildev, see tests/servers) that takes any mail.</summary>
public sealed class SmtpDispatcherTests(OpenMailServer mail) : IClassFixture<OpenMailServer>, IDisposable
{
    readonly SmtpOutbox outbox = new();

    public void Dispose() => outbox.Dispose();

    [Fact]
    public async Task An_email_is_sent_once_with_both_parts_and_the_unsubscribe_headers()
    {
        await outbox.SaveEmail("m-sent", "c-ann");

        using (var dispatcher = outbox.Dispatcher(mail.Server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => outbox.Status("m-sent") == "delivered", what: "delivered");
            // Further rounds of the dispatcher find nothing more to send.
            await Task.Delay(300);
            await dispatcher.StopAsync(CancellationToken.None);
        }

        var email = Assert.Single(await Received("m-sent"));
        Assert.Equal("You left something behind", email.GetProperty("subject").GetString());
        Assert.Equal("Your cart is waiting.", email.GetProperty("text").GetString()!.TrimEnd());
        Assert.Equal("<p>Your <b>cart</b> is waiting.</p>", email.GetProperty("html").GetString()!.TrimEnd());
        Assert.Equal("ann@example.test", email.GetProperty("to")[0].GetProperty("address").GetString());
        var from = email.GetProperty("from")[0];
        Assert.Equal(("shop@shop.example", "Shop"), (from.GetProperty("address").GetString(), from.GetProperty("name").GetString()));
        var headers = email.GetProperty("headers");
        Assert.StartsWith("multipart/alternative", headers.GetProperty("content-type").GetString());
        Assert.Equal(Messages.Unsubscribe, headers.GetProperty("list-unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("list-unsubscribe-post").GetString());
        var entry = Assert.Single(await outbox.Reader.ListAsync("c-ann", 10));
        Assert.Equal((OutboxStatus.Delivered, 1), (entry.Status, entry.Attempts));
        Assert.NotNull(entry.DeliveredAt);
    }

    [Fact]
    public async Task A_send_cut_short_by_a_crash_becomes_unknown_and_is_never_repeated()
    {
        await outbox.SaveEmail("m-interrupted", "c-ann");
        await outbox.SaveEmail("m-next", "c-bob");
        // The previous process claimed the message and died before learning the outcome.
        DatabaseFile.Execute(outbox.DataDirectory, "UPDATE outbox SET status = 'sending', attempts = 1 WHERE message_id = 'm-interrupted'");

        using (var dispatcher = outbox.Dispatcher(mail.Server.SmtpPort))
        {
            await dispatcher.StartAsync(CancellationToken.None);
            await Eventually.Holds(() => outbox.Status("m-next") == "delivered", what: "the next email delivered");
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal("unknown", outbox.Status("m-interrupted"));
        Assert.Empty(await Received("m-interrupted"));
        Assert.Single(await Received("m-next"));
    }

    /// <summary>What the server received of one message (the server is shared by this class's tests).</summary>
    async Task<JsonElement[]> Received(string messageId) =>
        (await mail.Server.EmailsAsync()).Where(e => e.GetProperty("messageId").GetString() == messageId + "@shop.example").ToArray();
}
