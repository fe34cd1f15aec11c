using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;

namespace JourneyTriggers.Application.Tests.Support;

/// <summary>A realistic Thai shopper, and the reminders the engine would send her.</summary>
internal static class Shoppers
{
    public static readonly Instant SentAt = Instant.FromUtc(2026, 11, 22, 11, 0);

    /// <summary>A fixed test key: 32 bytes, base64.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly CartLine Laptop = new("LAP-14", "โน้ตบุ๊ก ThinkBook 14 นิ้ว", 32900m, 1, "THB", "https://shop.example/p/LAP-14", "https://shop.example/i/LAP-14.jpg");
    public static readonly CartLine Mouse = new("MSE-W", "เมาส์ไร้สาย Logitech", 590m, 2, "THB", "https://shop.example/p/MSE-W", "https://shop.example/i/MSE-W.jpg");

    public static CustomerState Somying(string? locale = "th-TH", params CartLine[] lines) =>
        CustomerState.New(CustomerRef.Known("c-42")) with
        {
            Profile = CustomerProfile.Empty with
            {
                Email = "somying@example.co.th",
                FirstName = "สมหญิง",
                Locale = locale,
                TimeZone = "Asia/Bangkok",
                EmailConsent = new ConsentStatement(true, Instant.FromUtc(2026, 11, 1, 0, 0)),
                Installations = [new PushInstallation("inst-1", "fcmv1", null)],
            },
            Cart = new Cart(lines.Length == 0 ? [Laptop, Mouse] : [.. lines]),
            Browse = BrowseHistory.None
                .Viewed(new ProductInfo("HP-X1", "หูฟังตัดเสียงรบกวน X1", 8990m, "THB", "https://shop.example/p/HP-X1", "https://shop.example/i/HP-X1.jpg"))
                .Viewed(new ProductInfo("WATCH-5", "สมาร์ทวอทช์ รุ่น 5", 12490m, "THB", "https://shop.example/p/WATCH-5", "https://shop.example/i/WATCH-5.jpg")),
        };

    public static CustomerState Browser(string? locale = "th-TH") => Somying(locale) with { Cart = Cart.Empty };

    public static SendReminder Reminder(string template, Channel channel, string trigger = "abandoned_cart", int step = 1) =>
        new(SentAt, CustomerRef.Known("c-42"), new StepPath(trigger, step, null, null), channel, template, "m-0123456789abcdef01234567");

    public static MessageOptions Options(string? overrides = null) => new()
    {
        UnsubscribeSigningKey = SigningKey,
        PublicBaseUrl = "https://triggers.example",
        TemplateOverridesDirectory = overrides,
        SenderName = "Shop Example",
    };

    public static LiquidReminderComposer Composer(string defaultLocale = "th-TH", string? overrides = null)
    {
        var options = Options(overrides);
        return new LiquidReminderComposer(new ReminderTemplates(overrides), UnsubscribeTokens.FromBase64(SigningKey), options, defaultLocale,
            JourneyTriggers.Core.Configuration.ConfigurationDefaults.DefaultCurrency);
    }

    /// <summary>Templates of the bundled configuration, and the trigger each belongs to.</summary>
    public static readonly IReadOnlyList<(string Template, string Trigger)> DefaultTemplates =
    [
        ("cart-reminder-1", "abandoned_cart"), ("cart-vip", "abandoned_cart"), ("cart-welcome", "abandoned_cart"),
        ("cart-reminder-2", "abandoned_cart"), ("cart-reminder-3", "abandoned_cart"), ("cart-incentive", "abandoned_cart"),
        ("browse-reminder", "browse_abandoned"), ("we-miss-you", "app_inactive"),
    ];
}
