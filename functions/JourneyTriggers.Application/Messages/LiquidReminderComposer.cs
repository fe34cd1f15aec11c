using JourneyTriggers.Application.Messages.Links;
using JourneyTriggers.Application.Messages.Liquid;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using NodaTime;

namespace JourneyTriggers.Application.Messages;

/// <summary>
/// Renders a reminder from the Liquid template set in the customer's locale. An email is the
/// template's body poured into the shared layout with the locale's footer, plus a plain-text twin and
/// RFC 8058 one-click unsubscribe headers; a push is the template's first line as title, the rest as body.
/// Pure given its inputs: the time comes from the reminder, so a re-render is byte-for-byte the same.
/// </summary>
/// <param name="defaultLocale">The configuration's: for a customer whose locale no template has.</param>
/// <param name="defaultCurrency">The store's: for cart lines that name none.</param>
public sealed class LiquidReminderComposer(ReminderTemplates templates, UnsubscribeTokens tokens, MessageOptions options, string defaultLocale, string defaultCurrency)
    : IReminderComposer
{
    /// <summary>Longest title and body a push gets; longer ones are cut with '…' (lock screens show less).</summary>
    public const int MaxPushTitle = 64, MaxPushBody = 240;

    public OutboundMessage Compose(CustomerState customer, SendReminder reminder)
    {
        var available = templates.LocalesOf(reminder.Template);
        if (available.Count == 0)
            throw new InvalidOperationException($"No locale has template '{reminder.Template}'; ReminderTemplates.Validate reports this at start-up.");
        var locale = LocaleFallback.Resolve(customer.Profile.Locale ?? defaultLocale, available);
        var unsubscribeUrl = reminder.Channel == Channel.Email ? UnsubscribeUrl(reminder) : null;
        var model = ReminderModel.Build(customer, reminder, locale, defaultCurrency, options, LinkFor(customer, reminder), unsubscribeUrl);

        var (email, push) = reminder.Channel switch
        {
            Channel.Email => (Email(customer, locale, reminder.Template, model, unsubscribeUrl!), (PushContent?)null),
            Channel.Push => ((EmailContent?)null, Push(customer, locale, reminder.Template, model)),
            _ => throw new ArgumentOutOfRangeException(nameof(reminder), reminder.Channel, "Unknown channel."),
        };
        return new OutboundMessage(reminder.MessageId, reminder.Customer.Profile, reminder.Channel, reminder.Path.Trigger,
            reminder.Path.Step, reminder.Template, locale, reminder.At, email, push);
    }

    EmailContent Email(CustomerState customer, string locale, string template, Dictionary<string, object?> model, string unsubscribeUrl)
    {
        var to = customer.Profile.Email
            ?? throw new InvalidOperationException("An email reminder for a customer with no address: the engine only picks reachable channels.");
        var subject = MessageText.OneLine(Render(TemplateParts.Of(locale, template, TemplateParts.Subject), model, html: false));
        var (_, preheader) = PushLines(Render(TemplateParts.Of(locale, template, TemplateParts.Push), model, html: false));
        var layout = new Dictionary<string, object?>(model, StringComparer.Ordinal)
        {
            ["content"] = new SafeHtml(Render(TemplateParts.Of(locale, template, TemplateParts.EmailHtml), model, html: true)),
            ["footer"] = new SafeHtml(Render(TemplateParts.FooterOf(locale, TemplateParts.FooterHtml), model, html: true)),
            ["subject"] = subject,
            ["preheader"] = preheader,
            ["lang"] = locale,
        };
        var html = Render(TemplateParts.Layout, layout, html: true);
        var text = MessageText.Paragraphs(
            Render(TemplateParts.Of(locale, template, TemplateParts.EmailText), model, html: false) + "\n\n\n" +
            Render(TemplateParts.FooterOf(locale, TemplateParts.FooterText), model, html: false));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        return new EmailContent(to, subject, html, text, headers);
    }

    PushContent Push(CustomerState customer, string locale, string template, Dictionary<string, object?> model)
    {
        var installations = customer.Profile.Installations.Select(i => i.InstallationId).ToList();
        if (installations.Count == 0)
            throw new InvalidOperationException("A push reminder for a customer with no installation: the engine only picks reachable channels.");
        var (title, body) = PushLines(Render(TemplateParts.Of(locale, template, TemplateParts.Push), model, html: false));
        return new PushContent(installations, title, body, (string)model["link"]!);
    }

    /// <summary>push.liquid: the first non-blank line is the title, everything after it the body.</summary>
    static (string Title, string Body) PushLines(string rendered)
    {
        var lines = MessageText.Paragraphs(rendered).Split('\n', 2);
        return (MessageText.Shorten(MessageText.OneLine(lines[0]), MaxPushTitle),
                MessageText.Shorten(MessageText.OneLine(lines.Length > 1 ? lines[1] : ""), MaxPushBody));
    }

    /// <summary>Back to the cart when there is one; else to the product last viewed; else to the shop.</summary>
    string LinkFor(CustomerState customer, SendReminder reminder)
    {
        var (channel, trigger, id) = (reminder.Channel, reminder.Path.Trigger, reminder.MessageId);
        if (!customer.Cart.IsEmpty) return DeepLinks.CartRestore(options.CartRestoreUrl, customer.Cart.Lines, channel, trigger, id);
        var viewed = customer.Browse.RecentProducts.Reverse().Select(p => ReminderModel.WebUrl(p.Url)).FirstOrDefault(u => u is not null);
        return DeepLinks.Tracked(viewed ?? options.StorefrontUrl, channel, trigger, id);
    }

    string UnsubscribeUrl(SendReminder reminder)
    {
        var expires = reminder.At + Duration.FromTimeSpan(options.UnsubscribeTokenLifetime);
        var token = tokens.Issue(reminder.Customer.Profile, reminder.MessageId, expires);
        return $"{options.PublicBaseUrl.TrimEnd('/')}/unsubscribe?token={Uri.EscapeDataString(token)}";
    }

    string Render(string path, IReadOnlyDictionary<string, object?> model, bool html)
    {
        var template = templates.Get(path) ?? throw new InvalidOperationException($"Template file '{path}' is missing; ReminderTemplates.Validate reports this at start-up.");
        return template.Render(model, html ? LiquidEncoding.Html : null, templates.Get);
    }
}
