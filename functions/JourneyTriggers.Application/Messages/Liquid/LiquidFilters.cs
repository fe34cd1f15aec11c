using System.Collections;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>A filter and how many arguments it takes; the count is checked when the template is parsed.</summary>
internal sealed record LiquidFilter(string Name, int MinArgs, int MaxArgs, Func<object?, object?[], object?> Apply);

/// <summary>
/// The standard Liquid filters our templates use. An unknown filter is a parse error, so a typo in an
/// operator's override is caught by <c>Validate()</c> at start-up instead of rendering silently wrong.
/// </summary>
internal static class LiquidFilters
{
    static readonly Dictionary<string, LiquidFilter> All = new LiquidFilter[]
    {
        // escape yields encoded text, which no later output encodes again.
        new("escape", 0, 0, (v, _) => new SafeHtml(LiquidEncoding.Html.Encode(LiquidValues.ToText(v)))),
        new("raw", 0, 0, (v, _) => v as SafeHtml ?? new SafeHtml(LiquidValues.ToText(v))),
        new("default", 1, 1, (v, a) => LiquidValues.IsEmpty(v) || v is false ? a[0] : v),
        new("upcase", 0, 0, (v, _) => LiquidValues.ToText(v).ToUpperInvariant()),
        new("downcase", 0, 0, (v, _) => LiquidValues.ToText(v).ToLowerInvariant()),
        new("capitalize", 0, 0, (v, _) => LiquidValues.ToText(v) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..] : ""),
        new("append", 1, 1, (v, a) => LiquidValues.ToText(v) + LiquidValues.ToText(a[0])),
        new("prepend", 1, 1, (v, a) => LiquidValues.ToText(a[0]) + LiquidValues.ToText(v)),
        new("replace", 2, 2, (v, a) => LiquidValues.ToText(v).Replace(LiquidValues.ToText(a[0]), LiquidValues.ToText(a[1]), StringComparison.Ordinal)),
        new("strip", 0, 0, (v, _) => LiquidValues.ToText(v).Trim()),
        new("truncate", 1, 2, (v, a) => Truncate(LiquidValues.ToText(v), a)),
        new("url_encode", 0, 0, (v, _) => Uri.EscapeDataString(LiquidValues.ToText(v))),
        new("size", 0, 0, (v, _) => v is string s ? s.Length : v is ICollection c ? c.Count : 0),
        new("first", 0, 0, (v, _) => LiquidValues.Member(v, "first")),
        new("last", 0, 0, (v, _) => LiquidValues.Member(v, "last")),
        new("join", 0, 1, (v, a) => string.Join(a.Length > 0 ? LiquidValues.ToText(a[0]) : " ", LiquidValues.AsList(v).Cast<object?>().Select(LiquidValues.ToText))),
        new("plus", 1, 1, (v, a) => Number(v) + Number(a[0])),
        new("minus", 1, 1, (v, a) => Number(v) - Number(a[0])),
        new("times", 1, 1, (v, a) => Number(v) * Number(a[0])),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out LiquidFilter filter) => All.TryGetValue(name, out filter!);

    static decimal Number(object? value) => LiquidValues.ToDecimal(value) ?? 0m;

    static string Truncate(string text, object?[] args)
    {
        var length = (int)Math.Clamp(Number(args[0]), 0, int.MaxValue);
        var ellipsis = args.Length > 1 ? LiquidValues.ToText(args[1]) : "...";
        if (text.Length <= length) return text;
        var keep = Math.Max(0, length - ellipsis.Length);
        // Never cut a surrogate pair in half.
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + ellipsis;
    }
}
