namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary><c>frequencyCap</c>: optional <c>perDay</c> and <c>perWeek</c> limits, each at least 1.</summary>
internal static class FrequencyCapReader
{
    static readonly string[] Keys = ["perDay", "perWeek"];

    public static FrequencyCap? Read(JsonField field, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        // A cap of 0 would silently stop every message; switching a trigger off is not the cap's job.
        return new FrequencyCap(
            fields.Get("perDay") is { } day ? JsonValues.ReadWholeNumber(day, log, atLeast: 1) : null,
            fields.Get("perWeek") is { } week ? JsonValues.ReadWholeNumber(week, log, atLeast: 1) : null);
    }
}
