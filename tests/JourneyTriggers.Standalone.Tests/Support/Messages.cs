using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>Rendered messages as a composer would hand them to the store.</summary>
internal static class Messages
{
    public const string Unsubscribe = "<https://shop.example/unsubscribe?token=t-1>, <mailto:unsubscribe@shop.example?subject=t-1>";

    public static OutboundMessage For(string messageId, ProfileKey customer, Channel channel, int step, Instant at, string? to = null) =>
        channel == Channel.Email ? Email(messageId, customer, at, to ?? "ann@example.test", step) : Push(messageId, customer, at, step);

    public static OutboundMessage Email(string messageId, ProfileKey customer, Instant at, string to = "ann@example.test", int step = 1) => new(
        messageId, customer, Channel.Email, "abandoned_cart", step, "cart-reminder-" + step, "en-US", at,
        new EmailContent(
            to,
            "You left something behind",
            "<p>Your <b>cart</b> is waiting.</p>",
            "Your cart is waiting.",
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = Unsubscribe,
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            }),
        null);

    public static OutboundMessage Push(string messageId, ProfileKey customer, Instant at, int step = 1) => new(
        messageId, customer, Channel.Push, "abandoned_cart", step, "cart-reminder-" + step, "th-TH", at,
        null,
        new PushContent(["inst-1", "inst-2"], "ตะกร้าของคุณ", "Still thinking it over?", "shop://cart"));
}
