using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>Rendered messages as a composer would hand them to the store.</summary>
internal static class Messages
{
    public static OutboundMessage Email(string messageId, ProfileKey customer, Instant at, int step = 1) => new(
        messageId, customer, Channel.Email, "abandoned_cart", step, "cart-reminder-" + step, "en-US", at,
        new EmailContent(
            "ann@example.test",
            "You left something behind",
            "<p>Your <b>cart</b> is waiting.</p>",
            "Your cart is waiting.",
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://shop.example/unsubscribe?token=t-1>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            }),
        null);

    public static OutboundMessage Push(string messageId, ProfileKey customer, Instant at, int step = 1) => new(
        messageId, customer, Channel.Push, "abandoned_cart", step, "cart-reminder-" + step, "th-TH", at,
        null,
        new PushContent(["inst-1", "inst-2"], "ตะกร้าของคุณ", "Still thinking it over?", "shop://cart"));
}
