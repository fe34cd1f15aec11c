using System.Text.Json;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime.Text;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// The wake-up message on the timer queue, as the Azure timer scheduler writes it:
/// <c>{"key":"c-1002","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-23T03:06:00Z"}</c> (DESIGN 4.5).
/// Fields this version does not know are ignored, so a newer producer may add some.
/// </summary>
internal abstract record TimerWakeUp
{
    TimerWakeUp() { }

    public sealed record Parsed(ProfileKey Key, TimerDue Timer) : TimerWakeUp;

    /// <summary>Every field that is wrong and how; quotes at most a few characters of the message.</summary>
    public sealed record Malformed(string Problem) : TimerWakeUp;

    const int QuoteAtMost = 60;

    public static TimerWakeUp Parse(string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Fail($"is not JSON: {Quote(text)}");
        }
        if (root.ValueKind != JsonValueKind.Object) return Fail($"must be a JSON object with key, trigger, token and dueAt, not {root.ValueKind}");

        var problems = new List<string>();
        var key = Required(root, "key", problems);
        var trigger = Required(root, "trigger", problems);
        long token = 0;
        if (!root.TryGetProperty("token", out var tokenField)) problems.Add("'token' is missing");
        else if (tokenField.ValueKind != JsonValueKind.Number || !tokenField.TryGetInt64(out token))
            problems.Add($"'token' must be a whole number, not {Quote(tokenField.GetRawText())}");
        var dueText = Required(root, "dueAt", problems);
        var due = dueText is null ? null : InstantPattern.ExtendedIso.Parse(dueText);
        if (due is { Success: false }) problems.Add($"'dueAt' must be an ISO 8601 UTC instant like 2026-11-23T03:06:00Z, not {Quote(dueText!)}");
        return problems.Count > 0
            ? Fail(string.Join("; ", problems))
            : new Parsed(new ProfileKey(key!), new TimerDue(trigger!, new TimerToken(token), due!.Value));
    }

    static string? Required(JsonElement root, string name, List<string> problems)
    {
        if (!root.TryGetProperty(name, out var field)) problems.Add($"'{name}' is missing");
        else if (field.ValueKind != JsonValueKind.String) problems.Add($"'{name}' must be a string, not {field.ValueKind}");
        else if (field.GetString() is not { Length: > 0 } value) problems.Add($"'{name}' is empty");
        else return value;
        return null;
    }

    static Malformed Fail(string problem) => new("The timer wake-up message " + problem + ".");

    static string Quote(string text) => "'" + (text.Length <= QuoteAtMost ? text : text[..QuoteAtMost] + "…") + "'";
}
