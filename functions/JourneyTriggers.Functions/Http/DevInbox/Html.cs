using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>
/// The one way a value reaches the page. The encoder escapes &lt; &gt; &amp; " ' (and more), so its
/// output is safe both as element text and inside a double-quoted attribute, srcdoc included: the
/// browser decodes the attribute once and gets back exactly the email's HTML, as a separate document.
/// All of Unicode passes through, so Thai stays readable in the page source.
/// </summary>
internal static class Html
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    static readonly InstantPattern Shown = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss 'UTC'");

    public static string Encode(string? value) => value is null ? "" : Encoder.Encode(value);

    /// <summary>A &lt;time&gt; element: machine-readable instant, human-readable UTC text.</summary>
    public static string Time(Instant at) =>
        $"<time datetime=\"{InstantPattern.ExtendedIso.Format(at)}\">{Shown.Format(at)}</time>";
}
