using System.Collections;
using System.Globalization;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>Text already encoded for HTML: written as is. Captures in an HTML template and <c>| raw</c> make it.</summary>
internal sealed record SafeHtml(string Html)
{
    public override string ToString() => Html;
}

/// <summary>The value of Liquid's <c>empty</c> keyword; only meaningful in comparisons.</summary>
internal sealed record EmptyValue
{
    public static readonly EmptyValue Instance = new();
}

/// <summary>
/// Liquid's value rules over the plain .NET values a model is built from: strings, decimals and
/// integers, booleans, null, lists and string-keyed dictionaries.
/// </summary>
internal static class LiquidValues
{
    /// <summary>Only nil and false are falsy, as in Liquid (an empty string is true).</summary>
    public static bool IsTruthy(object? value) => value is not (null or false);

    public static object? Member(object? value, string name) => value switch
    {
        IReadOnlyDictionary<string, object?> d => d.TryGetValue(name, out var v) ? v : null,
        string s when name == "size" => s.Length,
        IList list => name switch
        {
            "size" => list.Count,
            "first" => list.Count > 0 ? list[0] : null,
            "last" => list.Count > 0 ? list[^1] : null,
            _ => null,
        },
        _ => null,
    };

    public static object? Index(object? value, object? index)
    {
        if (value is IReadOnlyDictionary<string, object?> d && index is string key) return d.TryGetValue(key, out var v) ? v : null;
        if (value is not IList list || ToDecimal(index) is not { } i || i != decimal.Truncate(i) || Math.Abs(i) > list.Count) return null;
        var at = i < 0 ? list.Count + (int)i : (int)i; // negative indexes count from the end, as in Liquid
        return at < list.Count ? list[at] : null;
    }

    public static IList AsList(object? value) => value switch
    {
        null => Array.Empty<object?>(),
        string => new object?[] { value },
        IList list => list,
        IEnumerable items => items.Cast<object?>().ToList(),
        _ => new object?[] { value },
    };

    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        SafeHtml h => h.Html.Length == 0,
        ICollection c => c.Count == 0,
        _ => false,
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (left is EmptyValue) return IsEmpty(right);
        if (right is EmptyValue) return IsEmpty(left);
        if (ToDecimal(left) is { } l && ToDecimal(right) is { } r && !(left is string || right is string)) return l == r;
        if (left is string or SafeHtml && right is string or SafeHtml) return string.Equals(left.ToString(), right.ToString(), StringComparison.Ordinal);
        return Equals(left, right);
    }

    /// <summary>Numbers compare as numbers, strings ordinally; anything else does not compare (false).</summary>
    public static int? Compare(object? left, object? right)
    {
        if (left is not string && right is not string && ToDecimal(left) is { } l && ToDecimal(right) is { } r) return l.CompareTo(r);
        if (left is string a && right is string b) return string.CompareOrdinal(a, b);
        return null;
    }

    public static bool Contains(object? left, object? right) => left switch
    {
        string s => right is not null && s.Contains(ToText(right), StringComparison.Ordinal),
        IList list => list.Cast<object?>().Any(item => AreEqual(item, right)),
        IReadOnlyDictionary<string, object?> d => right is string key && d.ContainsKey(key),
        _ => false,
    };

    public static decimal? ToDecimal(object? value) => value switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d when double.IsFinite(d) => (decimal)d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>The text an output writes for a value (before any HTML encoding).</summary>
    public static string ToText(object? value) => value switch
    {
        null or EmptyValue => "",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> => "",
        IEnumerable items => string.Concat(items.Cast<object?>().Select(ToText)),
        _ => value.ToString() ?? "",
    };
}
