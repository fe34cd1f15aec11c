using System.Globalization;
using System.Text;

namespace JourneyTriggers.Application.Messages.Money;

/// <summary>
/// Amounts as a shopper in the locale expects them, with rules written out here rather than taken
/// from ICU: hosts may run with invariant globalization, and then every culture formats alike.
/// Both shipped languages group thousands with ',' and use '.' for decimals; other languages get the
/// English rules. Thai shoppers read whole prices without decimals (฿32,900); English ones see the
/// currency's minor units (THB 32,900.00).
/// </summary>
public static class MoneyFormat
{
    public static string Format(decimal amount, string? currency, string locale)
    {
        var code = currency?.Trim().ToUpperInvariant();
        var thai = LocaleFallback.Language(locale) == "th";
        var digits = MinorDigits(code);
        var rounded = Math.Round(amount, digits, MidpointRounding.AwayFromZero);
        if (thai && rounded == decimal.Truncate(rounded)) digits = 0;
        var number = Number(Math.Abs(rounded), digits);
        var sign = rounded < 0 ? "-" : "";
        return (code is null or "" ? null : Symbol(code, thai)) is { } symbol ? sign + symbol + number : sign + number;
    }

    /// <summary>ISO 4217 minor units for the currencies that differ from two.</summary>
    internal static int MinorDigits(string? code) => code switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "PYG" or "XAF" or "XOF" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" or "IQD" or "LYD" => 3,
        _ => 2,
    };

    /// <summary>A symbol where the locale has an unambiguous one, else the ISO code and a space.</summary>
    static string Symbol(string code, bool thai) => (code, thai) switch
    {
        ("THB", true) => "฿",
        ("USD", true) => "US$",
        ("USD", false) => "$",
        ("EUR", _) => "€",
        ("GBP", _) => "£",
        ("JPY", _) => "¥",
        _ => code + " ",
    };

    static string Number(decimal value, int digits)
    {
        var plain = value.ToString("F" + digits, CultureInfo.InvariantCulture);
        var point = plain.IndexOf('.');
        var whole = point < 0 ? plain : plain[..point];
        var grouped = new StringBuilder(whole.Length + whole.Length / 3);
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0) grouped.Append(',');
            grouped.Append(whole[i]);
        }
        return point < 0 ? grouped.ToString() : grouped.Append(plain[point..]).ToString();
    }
}
