using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// <c>quietHours</c>: <c>null</c> switches them off; otherwise local <c>start</c> and <c>end</c>
/// (<c>HH:mm</c> or <c>HH:mm:ss</c>) of a half-open window that may wrap midnight.
/// </summary>
internal static class QuietHoursReader
{
    static readonly string[] Keys = ["start", "end"];

    static readonly LocalTimePattern[] Patterns =
    [
        LocalTimePattern.CreateWithInvariantCulture("HH:mm"),
        LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss"),
    ];

    public static QuietHoursWindow? Read(JsonField field, ErrorLog log)
    {
        if (field.Value.ValueKind == JsonValueKind.Null)
            return null;

        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        var start = fields.Required("start", log) is { } s ? ReadTime(s, log) : null;
        var end = fields.Required("end", log) is { } e ? ReadTime(e, log) : null;
        if (start is null || end is null)
            return null;

        // An empty window would silence nothing, and one covering the whole day cannot be written as start/end;
        // either way the author meant something else.
        if (start == end)
        {
            log.Report(field.Path, $"start and end are both {Patterns[0].Format(start.Value)}; use null to switch quiet hours off");
            return null;
        }

        return new QuietHoursWindow(start.Value, end.Value);
    }

    static LocalTime? ReadTime(JsonField field, ErrorLog log)
    {
        var text = JsonValues.ReadString(field, log);
        if (text is null)
            return null;
        foreach (var pattern in Patterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
                return parsed.Value;
        }

        log.Report(field.Path, $"{field.Describe()} is not a time of day like \"21:00\" or \"21:00:30\"");
        return null;
    }
}
