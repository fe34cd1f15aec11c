using System.Net;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Tests.Support;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Configuration.Loading;

namespace JourneyTriggers.Application.Tests.Messages;

/// <summary>Every template of the default configuration, in both shipped locales, over both channels.</summary>
public class ShippedTemplatesTests
{
    public static TheoryData<string, string, string> Templates()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (template, trigger) in Shoppers.DefaultTemplates)
        foreach (var locale in new[] { "th-TH", "en-US" })
            data.Add(template, trigger, locale);
        return data;
    }

    [Theory, MemberData(nameof(Templates))]
    public void Email_renders_with_cart_total_link_and_unsubscribe(string template, string trigger, string locale)
    {
        var message = Shoppers.Composer().Compose(Shoppers.Somying(locale), Shoppers.Reminder(template, Channel.Email, trigger));

        Assert.Equal(locale, message.Locale);
        var email = Assert.IsType<EmailContent>(message.Email);
        Assert.Null(message.Push);
        Assert.Equal("somying@example.co.th", email.To);
        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain("\n", email.Subject);
        Assert.DoesNotContain("{{", email.Html + email.Text + email.Subject);
        Assert.DoesNotContain("{%", email.Html + email.Text + email.Subject);
        Assert.StartsWith("<!DOCTYPE html>", email.Html);
        foreach (var external in new[] { "<script", "<link", "@import", "@font-face" })
            Assert.DoesNotContain(external, email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"lang=\"{locale}\"", email.Html);

        var unsubscribe = email.Headers["List-Unsubscribe"][1..^1];
        Assert.StartsWith("https://triggers.example/unsubscribe?token=", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(WebUtility.HtmlEncode(unsubscribe), email.Html);
        Assert.Contains(unsubscribe, email.Text);

        var link = LinkOf(trigger, "email");
        Assert.Contains(WebUtility.HtmlEncode(link), email.Html);
        Assert.Contains(link, email.Text);

        if (template.StartsWith("cart-", StringComparison.Ordinal))
        {
            var total = locale == "th-TH" ? "฿34,080" : "THB 34,080.00";
            foreach (var part in new[] { email.Html, email.Text })
            {
                Assert.Contains(Shoppers.Laptop.Name!, part);
                Assert.Contains(Shoppers.Mouse.Name!, part);
                Assert.Contains(total, part);
            }
            Assert.Contains("https://shop.example/i/LAP-14.jpg", email.Html);
        }
    }

    [Theory, MemberData(nameof(Templates))]
    public void Push_renders_a_title_a_body_and_the_deep_link(string template, string trigger, string locale)
    {
        var message = Shoppers.Composer().Compose(Shoppers.Somying(locale), Shoppers.Reminder(template, Channel.Push, trigger));

        var push = Assert.IsType<PushContent>(message.Push);
        Assert.Null(message.Email);
        Assert.Equal(["inst-1"], push.InstallationIds);
        Assert.False(string.IsNullOrWhiteSpace(push.Title));
        Assert.False(string.IsNullOrWhiteSpace(push.Body));
        Assert.DoesNotContain("{", push.Title + push.Body);
        Assert.Equal(LinkOf(trigger, "push"), push.DeepLink);
    }

    [Fact]
    public void The_shipped_set_is_valid_for_the_bundled_configuration()
    {
        var json = File.ReadAllText(RepositoryFiles.PathOf("functions/JourneyTriggers.Functions/Defaults/triggers.json"));
        var configuration = Assert.IsType<ConfigurationLoadResult.Loaded>(ConfigurationLoader.Load(json)).Configuration;
        var names = TemplateNames.Of(configuration);

        Assert.Equal(Shoppers.DefaultTemplates.Select(t => t.Template).Order(StringComparer.Ordinal), names);
        var templates = new ReminderTemplates();
        templates.Validate(names);
        Assert.Equal(["en-US", "th-TH"], templates.Locales);
        foreach (var name in names) Assert.Equal(["en-US", "th-TH"], templates.LocalesOf(name));
    }

    [Fact]
    public void Composing_is_deterministic()
    {
        var composer = Shoppers.Composer();
        var reminder = Shoppers.Reminder("cart-reminder-1", Channel.Email);
        var first = composer.Compose(Shoppers.Somying(), reminder).Email!;
        var second = composer.Compose(Shoppers.Somying(), reminder).Email!;
        Assert.Equal((first.Subject, first.Html, first.Text), (second.Subject, second.Html, second.Text));
    }

    [Fact]
    public void The_message_carries_the_reminders_identity()
    {
        var reminder = Shoppers.Reminder("cart-reminder-2", Channel.Email, step: 2);
        var message = Shoppers.Composer().Compose(Shoppers.Somying(), reminder);
        Assert.Equal((reminder.MessageId, "c-42", Channel.Email, "abandoned_cart", 2, "cart-reminder-2", reminder.At),
            (message.MessageId, message.Customer.Value, message.Channel, message.Trigger, message.Step, message.Template, message.At));
    }

    /// <summary>Somying has a cart, so every template links back to it.</summary>
    static string LinkOf(string trigger, string medium) =>
        "https://shop.example/cart/restore?items=LAP-14:1,MSE-W:2" +
        $"&utm_source=journeytriggers&utm_medium={medium}&utm_campaign={trigger}&utm_content=m-0123456789abcdef01234567";
}
