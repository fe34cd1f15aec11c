namespace JourneyTriggers.Application.Messages;

/// <summary>
/// The layout of the template set (see Templates/README.md). Paths are relative to the Templates
/// folder, with '/' separators, for embedded and override files alike.
/// </summary>
public static class TemplateParts
{
    public const string Subject = "subject.liquid";
    public const string EmailHtml = "email.html.liquid";
    public const string EmailText = "email.txt.liquid";
    public const string Push = "push.liquid";

    /// <summary>Every template directory must have all of these, so any channel can use any template.</summary>
    public static readonly IReadOnlyList<string> Required = [Subject, EmailHtml, EmailText, Push];

    /// <summary>The HTML shell every email is poured into, shared by all locales.</summary>
    public const string Layout = "_shared/layout.html.liquid";

    /// <summary>Per-locale footer (sender, reason, unsubscribe link), under <c>{locale}/_layout/</c>.</summary>
    public const string FooterHtml = "_layout/footer.html.liquid";
    public const string FooterText = "_layout/footer.txt.liquid";

    public static string Of(string locale, string template, string part) => $"{locale}/{template}/{part}";
    public static string FooterOf(string locale, string footer) => $"{locale}/{footer}";

    /// <summary>Folders starting with '_' hold shared parts, not locales or templates.</summary>
    public static bool IsShared(string name) => name.StartsWith('_');
}
