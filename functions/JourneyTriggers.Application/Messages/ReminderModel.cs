using JourneyTriggers.Application.Messages.Links;
using JourneyTriggers.Application.Messages.Money;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Application.Messages;

/// <summary>
/// The variables every template sees (listed in Templates/README.md), built from the customer's state
/// at the moment of sending. Money is formatted here, for the locale, so templates never do arithmetic;
/// product links and images that are not absolute http(s) URLs are dropped, since they come from
/// storefront events.
/// </summary>
internal static class ReminderModel
{
    public static Dictionary<string, object?> Build(
        CustomerState customer, SendReminder reminder, string locale, string defaultCurrency, MessageOptions options, string link, string? unsubscribeUrl)
    {
        var cart = customer.Cart;
        var currency = cart.Currency ?? defaultCurrency;
        var products = customer.Browse.RecentProducts.Reverse().Select(p => Product(p.Sku, p.Name, p.Price, p.Currency, p.Url, p.ImageUrl, locale, reminder)).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["customer"] = new Dictionary<string, object?>
            {
                ["first_name"] = Blank(customer.Profile.FirstName),
                ["email"] = customer.Profile.Email,
                ["tier"] = customer.Profile.Tier,
            },
            ["cart"] = new Dictionary<string, object?>
            {
                ["lines"] = cart.Lines.Select(l => Line(l, currency, locale)).ToList(),
                ["item_count"] = cart.Lines.Sum(l => l.Quantity),
                ["total"] = Total(cart, currency, locale),
                ["currency"] = currency,
            },
            ["products"] = products,
            ["product"] = products.FirstOrDefault(),
            ["link"] = link,
            ["unsubscribe_url"] = unsubscribeUrl,
            ["sender_name"] = options.SenderName,
            ["offer_code"] = options.OfferCode,
            ["message"] = new Dictionary<string, object?>
            {
                ["id"] = reminder.MessageId,
                ["trigger"] = reminder.Path.Trigger,
                ["step"] = reminder.Path.Step,
                ["channel"] = reminder.Channel.ToWire(),
                ["template"] = reminder.Template,
                ["locale"] = locale,
            },
        };
    }

    /// <summary>
    /// The cart's total; one per currency, joined with " + ", when its lines are priced in several (a storefront
    /// that switched currency mid-visit): amounts in different currencies are never added up. A line with no
    /// currency is in the cart's.
    /// </summary>
    static string Total(Cart cart, string cartCurrency, string locale)
    {
        var totals = new List<(string Currency, decimal Amount)>(1);
        foreach (var line in cart.Lines)
        {
            // "usd" and "USD" are one currency, as the money format reads them.
            var currency = (line.Currency ?? cartCurrency).Trim().ToUpperInvariant();
            var index = totals.FindIndex(t => t.Currency == currency);
            if (index < 0) totals.Add((currency, line.Value));
            else totals[index] = (currency, totals[index].Amount + line.Value);
        }
        if (totals.Count == 0) return MoneyFormat.Format(0m, cartCurrency, locale);
        return string.Join(" + ", totals.Select(t => MoneyFormat.Format(t.Amount, t.Currency, locale)));
    }

    static Dictionary<string, object?> Line(CartLine line, string cartCurrency, string locale)
    {
        var currency = line.Currency ?? cartCurrency;
        return new Dictionary<string, object?>
        {
            ["sku"] = line.Sku,
            ["name"] = Blank(line.Name) ?? line.Sku,
            ["quantity"] = line.Quantity,
            ["price"] = MoneyFormat.Format(line.Price, currency, locale),
            ["line_price"] = MoneyFormat.Format(line.Value, currency, locale),
            ["image_url"] = WebUrl(line.ImageUrl),
            ["url"] = WebUrl(line.Url),
        };
    }

    static Dictionary<string, object?> Product(
        string sku, string? name, decimal? price, string? currency, string? url, string? imageUrl, string locale, SendReminder reminder) => new()
    {
        ["sku"] = sku,
        ["name"] = Blank(name) ?? sku,
        ["price"] = price is { } p ? MoneyFormat.Format(p, currency, locale) : null,
        ["image_url"] = WebUrl(imageUrl),
        ["url"] = WebUrl(url) is { } u ? DeepLinks.Tracked(u, reminder.Channel, reminder.Path.Trigger, reminder.MessageId) : null,
    };

    /// <summary>Only absolute http(s) links reach a template: no javascript: or data: from an event.</summary>
    internal static string? WebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
