namespace JourneyTriggers.Application.Messages;

/// <summary>
/// Picks the locale whose templates a customer gets: the requested one when templates exist for it,
/// else one of the same language (th-* → th-TH, en-* → en-US), else en-US, else whatever exists.
/// Matching ignores case and accepts '_' for '-', since storefronts send both.
/// </summary>
public static class LocaleFallback
{
    public const string LastResort = "en-US";

    /// <summary>The region each shipped language falls back to when several of its locales exist.</summary>
    static readonly Dictionary<string, string> PrimaryLocale = new(StringComparer.Ordinal) { ["th"] = "th-TH", ["en"] = "en-US" };

    public static string Resolve(string? requested, IReadOnlyCollection<string> available)
    {
        if (available.Count == 0) throw new ArgumentException("No locale has templates.", nameof(available));
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var wanted = requested.Trim().Replace('_', '-');
            if (Find(available, wanted) is { } exact) return exact;
            var language = Language(wanted);
            if (PrimaryLocale.TryGetValue(language, out var primary) && Find(available, primary) is { } preferred) return preferred;
            var sameLanguage = available.Where(l => Language(l) == language).Order(StringComparer.Ordinal).FirstOrDefault();
            if (sameLanguage is not null) return sameLanguage;
        }
        return Find(available, LastResort) ?? available.Order(StringComparer.Ordinal).First();
    }

    /// <summary>The language part of a locale tag: "th" for "th-TH" and "th_TH", lower case.</summary>
    public static string Language(string locale)
    {
        var end = locale.IndexOfAny(['-', '_']);
        return (end < 0 ? locale : locale[..end]).ToLowerInvariant();
    }

    static string? Find(IReadOnlyCollection<string> available, string locale) =>
        available.FirstOrDefault(l => string.Equals(l, locale, StringComparison.OrdinalIgnoreCase));
}
