using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>Outbox entries for the dev inbox tests, hostile ones included.</summary>
internal static class DevInboxEntries
{
    public const string Script = "<script>alert(1)</script>";
    public const string ImgBreakout = "\"><img src=x onerror=alert(1)>";

    public static OutboxEntry Email(string messageId, string customerId, int minute, string subject = "Your cart", string html = "<p>Hi</p>") => new(
        messageId, customerId, null, Channel.Email, "abandoned_cart", 1, "cart-reminder-1", "en-US", Instant.FromUtc(2026, 11, 22, 12, minute),
        OutboxStatus.Delivered, 1, null, Instant.FromUtc(2026, 11, 22, 12, minute), "somchai@example.com", subject, html, "Hi, plain text",
        new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://jt.example/unsubscribe?token=t1>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        }, null, null, null);

    public static OutboxEntry Push(string messageId, string customerId, int minute, string body = "Laptop 14 is still waiting.") => new(
        messageId, customerId, null, Channel.Push, "abandoned_cart", 1, "cart-reminder-1", "en-US", Instant.FromUtc(2026, 11, 22, 12, minute),
        OutboxStatus.Failed, 3, "device token expired", null, null, null, null, null,
        new Dictionary<string, string>(), "You left something in your cart", body, "shop://cart/restore?c=1");
}
