using System.Text.RegularExpressions;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// Names of triggers, branches, templates and variants. They become parts of assignment keys
/// (<c>holdout:trigger:customer</c>), wire values in effects and metrics, and template look-ups, so
/// they are kept to characters that need no escaping anywhere and cannot contain the <c>:</c> separator.
/// </summary>
internal static partial class Names
{
    const string IdentifierRule = "use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit";

    // Variants are conventionally "A" and "B", so their names may use capitals too.
    const string VariantRule = "use letters, digits, \"_\" and \"-\", starting with a letter or digit";

    public static string? ReadIdentifier(JsonField field, ErrorLog log) =>
        Read(field, log, Identifier(), $"is not a valid name: {IdentifierRule}");

    public static string? ReadVariantName(JsonField field, ErrorLog log) =>
        Read(field, log, VariantName(), $"is not a valid variant name: {VariantRule}");

    static string? Read(JsonField field, ErrorLog log, Regex pattern, string complaint)
    {
        var text = JsonValues.ReadString(field, log);
        if (text is null || pattern.IsMatch(text))
            return text;
        log.Report(field.Path, $"{field.Describe()} {complaint}");
        return null;
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_\-]*\z")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_\-]*\z")]
    private static partial Regex VariantName();
}
