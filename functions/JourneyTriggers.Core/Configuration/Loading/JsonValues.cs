using System.Text.Json;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// Typed reads of single JSON values. Each reports its own problem and returns null, so the caller
/// only decides what a missing value falls back to.
/// </summary>
internal static class JsonValues
{
    public static string? ReadString(JsonField field, ErrorLog log)
    {
        if (field.Value.ValueKind != JsonValueKind.String)
        {
            log.WrongType(field, "a string");
            return null;
        }

        if (JsonText.TryGetString(field.Value, out var text))
            return text;
        log.Report(field.Path, $"{field.Describe()} is not valid Unicode text");
        return null;
    }

    public static int? ReadWholeNumber(JsonField field, ErrorLog log, int atLeast)
    {
        if (field.Value.ValueKind != JsonValueKind.Number)
        {
            log.WrongType(field, "a whole number");
            return null;
        }

        // 50.0 and 5e1 are the whole number 50 too, written as JSON allows.
        if (field.Value.TryGetDecimal(out var number) && decimal.IsInteger(number) && number >= atLeast && number <= int.MaxValue)
            return (int)number;
        log.Report(field.Path, $"must be a whole number of at least {atLeast}, got {field.Describe()}");
        return null;
    }

    public static decimal? ReadNumber(JsonField field, ErrorLog log)
    {
        if (field.Value.ValueKind != JsonValueKind.Number)
        {
            log.WrongType(field, "a number");
            return null;
        }

        if (field.Value.TryGetDecimal(out var value))
            return value;
        log.Report(field.Path, $"{field.Describe()} is out of range");
        return null;
    }

    /// <summary>A non-empty array's items; <paramref name="itemNoun"/> names one item in the message.</summary>
    public static IReadOnlyList<JsonField>? ReadItems(JsonField field, ErrorLog log, string itemNoun)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
        {
            log.WrongType(field, "an array");
            return null;
        }

        var items = field.Value.EnumerateArray().Select((item, index) => field.Item(index, item)).ToList();
        if (items.Count == 0)
        {
            log.Report(field.Path, $"must list at least one {itemNoun}");
            return null;
        }

        return items;
    }

    /// <summary>A string that must be one of a closed set of wire names, listed in the order messages show them.</summary>
    public static T? ReadOneOf<T>(JsonField field, ErrorLog log, IReadOnlyList<(string Wire, T Value)> choices)
        where T : struct
    {
        var text = ReadString(field, log);
        if (text is null)
            return null;
        foreach (var (wire, value) in choices)
        {
            if (wire == text)
                return value;
        }

        log.Report(field.Path, $"{field.Describe()} is not one of {JsonText.QuotedList(choices.Select(choice => choice.Wire))}");
        return null;
    }
}
