namespace JourneyTriggers.Core.Touchpoints.Normalisation;

/// <summary>
/// Bounds on string fields, in UTF-16 characters. Every value ends up in a customer document, a log line or a
/// rendered message, so a runaway value is refused at the door rather than carried along.
/// </summary>
internal static class FieldLimits
{
    /// <summary>Ids, type names, e-mail addresses and short codes (currency, locale, tier, source): room for any UUID or SKU.</summary>
    public const int Id = 256;

    /// <summary>Names, urls, free text and device tokens.</summary>
    public const int Text = 2000;

    /// <summary>
    /// Prices, revenue and cart values, in any currency's major unit: far above any real order (a trillion dong is
    /// about 40 million US dollars), and low enough that no cart, order history or metrics total can overflow.
    /// </summary>
    public const decimal Amount = 1_000_000_000_000_000m;
}
