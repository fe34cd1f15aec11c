using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace JourneyTriggers.Application.Messages.Liquid;

/// <summary>
/// The HTML encoder for outputs and <c>| escape</c>. It encodes markup characters (&lt; &gt; &amp; " ')
/// but lets every script through as is: the default encoder would turn each Thai letter into an entity.
/// </summary>
internal static class LiquidEncoding
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}
