using System.Text.RegularExpressions;

namespace JourneyTriggers.Azure.Email;

/// <summary>
/// Text a provider wrote (an error message) made safe for logs and the decision timeline: services echo
/// the recipient in their messages, and an address must never reach either.
/// </summary>
internal static partial class ProviderText
{
    public static string Redact(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : Address().Replace(text.Trim(), "[address]");

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
