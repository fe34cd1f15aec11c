using System.Globalization;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Messages.Links;

/// <summary>
/// Links a reminder carries. Each one is tagged with UTM parameters (channel, trigger and message id)
/// so the storefront's analytics can credit the click to the reminder that earned it.
/// </summary>
public static class DeepLinks
{
    public const string Source = "journeytriggers";

    /// <summary>
    /// <c>{restoreUrl}?items=SKU:QTY,SKU:QTY&amp;utm_…</c>. Each SKU is percent-encoded, so a ':' or ','
    /// inside a SKU cannot be mistaken for a separator; the separators themselves stay literal.
    /// </summary>
    public static string CartRestore(string restoreUrl, IEnumerable<CartLine> lines, Channel channel, string trigger, string messageId)
    {
        var items = string.Join(",", lines.Select(l => Uri.EscapeDataString(l.Sku) + ":" + l.Quantity.ToString(CultureInfo.InvariantCulture)));
        return Tracked(WithQuery(restoreUrl, "items=" + items), channel, trigger, messageId);
    }

    /// <summary>Adds the UTM parameters to any link, keeping its own query and fragment.</summary>
    public static string Tracked(string url, Channel channel, string trigger, string messageId) => WithQuery(url,
        $"utm_source={Source}&utm_medium={channel.ToWire()}&utm_campaign={Uri.EscapeDataString(trigger)}&utm_content={Uri.EscapeDataString(messageId)}");

    static string WithQuery(string url, string query)
    {
        var hash = url.IndexOf('#');
        var (path, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        var separator = !path.Contains('?') ? "?" : path.EndsWith('?') || path.EndsWith('&') ? "" : "&";
        return path + separator + query + fragment;
    }
}
