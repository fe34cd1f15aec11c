using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>What particular templates say, and where their links go when there is no cart.</summary>
public class ContentTests
{
    const string Utm = "utm_source=journeytriggers&utm_medium={0}&utm_campaign={1}&utm_content=m-0123456789abcdef01234567";

    [Fact]
    public void The_thai_cart_reminder_speaks_thai()
    {
        var message = Shoppers.Composer().Compose(Shoppers.Somying(), Shoppers.Reminder("cart-reminder-1", Channel.Push));
        Assert.Equal("คุณลืมของไว้ในตะกร้านะคะ 🛒", message.Push!.Title);
        Assert.Equal("โน้ตบุ๊ก ThinkBook 14 นิ้ว และอีก 1 รายการ ยังรออยู่ในตะกร้า แตะเพื่อกลับไปสั่งซื้อต่อได้เลยค่ะ", message.Push.Body);
        var email = Shoppers.Composer().Compose(Shoppers.Somying(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;
        Assert.Equal("คุณสมหญิง ลืมของไว้ในตะกร้าหรือเปล่าคะ", email.Subject);
    }

    [Fact]
    public void The_incentive_quotes_the_offer_code()
    {
        foreach (var locale in new[] { "th-TH", "en-US" })
        {
            var email = Shoppers.Composer().Compose(Shoppers.Somying(locale), Shoppers.Reminder("cart-incentive", Channel.Email)).Email!;
            Assert.Contains("COMEBACK10", email.Subject);
            Assert.Contains("COMEBACK10", email.Html);
            Assert.Contains("COMEBACK10", email.Text);
        }
    }

    [Fact]
    public void The_browse_reminder_lists_viewed_products_most_recent_first_and_links_to_the_last()
    {
        var message = Shoppers.Composer().Compose(Shoppers.Browser("en-US"), Shoppers.Reminder("browse-reminder", Channel.Email, "browse_abandoned"));
        var email = message.Email!;
        Assert.Equal("Still thinking about สมาร์ทวอทช์ รุ่น 5?", email.Subject);
        var watch = email.Html.IndexOf("สมาร์ทวอทช์ รุ่น 5", StringComparison.Ordinal);
        var headphones = email.Html.IndexOf("หูฟังตัดเสียงรบกวน X1", StringComparison.Ordinal);
        Assert.True(watch >= 0 && headphones > watch);
        Assert.Contains("THB 12,490.00", email.Text);
        Assert.Contains("https://shop.example/p/WATCH-5?" + string.Format(Utm, "email", "browse_abandoned"), email.Text);
    }

    [Fact]
    public void An_app_reminder_without_cart_or_views_goes_to_the_storefront()
    {
        var state = Shoppers.Browser() with { Browse = BrowseHistory.None };
        var push = Shoppers.Composer().Compose(state, Shoppers.Reminder("we-miss-you", Channel.Push, "app_inactive")).Push!;
        Assert.Equal("https://shop.example/?" + string.Format(Utm, "push", "app_inactive"), push.DeepLink);
        Assert.Equal("คิดถึงคุณนะคะ 💛", push.Title);
        Assert.StartsWith("คุณสมหญิง ไม่ได้แวะมาสักพักแล้ว", push.Body);
    }

    [Fact]
    public void Long_push_text_is_cut_on_a_character_boundary()
    {
        var longName = string.Concat(Enumerable.Repeat("ก้", 300));
        var state = Shoppers.Somying("th-TH", new CartLine("X", longName, 1m, 1, "THB", null, null));
        var push = Shoppers.Composer().Compose(state, Shoppers.Reminder("cart-reminder-1", Channel.Push)).Push!;
        Assert.EndsWith("…", push.Body);
        Assert.Equal(LiquidReminderComposer.MaxPushBody, new System.Globalization.StringInfo(push.Body).LengthInTextElements);
        Assert.EndsWith("ก้…", push.Body);
    }

    [Fact]
    public void The_unsubscribe_link_verifies_for_this_customer_and_message_for_sixty_days()
    {
        var tokens = Messages.UnsubscribeTokensFor();
        var email = Shoppers.Composer().Compose(Shoppers.Somying(), Shoppers.Reminder("cart-reminder-1", Channel.Email)).Email!;
        var token = Uri.UnescapeDataString(email.Headers["List-Unsubscribe"].Split("token=")[1].TrimEnd('>'));
        var result = Assert.IsType<JourneyTriggers.Application.Messages.Unsubscribe.UnsubscribeTokenResult.Valid>(tokens.Verify(token, Shoppers.SentAt));
        Assert.Equal(("c-42", "m-0123456789abcdef01234567", Shoppers.SentAt + NodaTime.Duration.FromDays(60)),
            (result.Customer.Value, result.MessageId, result.ExpiresAt));
    }

    /// <summary>The configuration the service starts with when given none.</summary>
    static JourneyTriggers.Core.Configuration.TriggerConfiguration Bundled() =>
        ((JourneyTriggers.Core.Configuration.Loading.ConfigurationLoadResult.Loaded)JourneyTriggers.Core.Configuration.Loading.ConfigurationLoader.Load(
            File.ReadAllText(RepositoryFiles.PathOf("functions/JourneyTriggers.Functions/Defaults/triggers.json")))).Configuration;

    [Fact]
    public void Registration_validates_and_resolves_the_composer()
    {
        var configuration = Bundled();
        using var provider = new ServiceCollection().AddReminderMessages(Shoppers.Options(), configuration).BuildServiceProvider();

        var message = provider.GetRequiredService<IReminderComposer>().Compose(Shoppers.Somying(null), Shoppers.Reminder("cart-vip", Channel.Email));
        Assert.Equal("th-TH", message.Locale);
    }

    [Fact]
    public void Registration_needs_a_signing_key() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddReminderMessages(new MessageOptions(), Bundled()));

    [Fact]
    public void Registration_refuses_a_template_the_configuration_names_that_no_locale_has()
    {
        var configuration = Bundled();
        var misspelt = configuration with { Triggers = [configuration.Triggers[0] with { Steps = [.. configuration.Triggers[0].Steps.Select(s => s with
        {
            Branches = [.. s.Branches.Select(b => b with { Template = "cart-remindr-1" })],
        })] }] };

        var problem = Assert.Single(Assert.Throws<TemplateValidationException>(() => new ServiceCollection().AddReminderMessages(Shoppers.Options(), misspelt)).Problems);
        Assert.Equal("cart-remindr-1: the trigger configuration uses this template, but no locale has it", problem.ToString());
    }

    static class Messages
    {
        public static JourneyTriggers.Application.Messages.Unsubscribe.UnsubscribeTokens UnsubscribeTokensFor() =>
            JourneyTriggers.Application.Messages.Unsubscribe.UnsubscribeTokens.FromBase64(Shoppers.SigningKey);
    }
}
