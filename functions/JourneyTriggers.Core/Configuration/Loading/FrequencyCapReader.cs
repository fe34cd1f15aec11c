using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// <c>frequencyCap</c>: optional <c>perDay</c> and <c>perWeek</c> limits, each at least 1 and at most what
/// the sent-message ledger can count.
/// </summary>
internal static class FrequencyCapReader
{
    static readonly string[] Keys = ["perDay", "perWeek"];

    public static FrequencyCap? Read(JsonField field, ErrorLog log)
    {
        var fields = ObjectFields.Open(field, log, Keys);
        if (fields is null)
            return null;

        var day = fields.Get("perDay");
        var perDay = day is { } dayField ? ReadLimit(dayField, log) : null;
        var perWeek = fields.Get("perWeek") is { } week ? ReadLimit(week, log) : null;
        // The week holds every day, so a day's limit above the week's could never be reached: a typo, not a cap.
        if (perDay > perWeek && day is { } over)
            log.Report(over.Path, $"{perDay} is more than perWeek ({perWeek}): a day can never send more than its week allows; lower perDay or raise perWeek");
        return new FrequencyCap(perDay, perWeek);
    }

    static int? ReadLimit(JsonField field, ErrorLog log)
    {
        // A cap of 0 would silently stop every message; switching a trigger off is not the cap's job.
        var limit = JsonValues.ReadWholeNumber(field, log, atLeast: 1);

        // The ledger keeps only the newest MaxEntries sends, so a larger cap could never be reached.
        if (limit > SentMessageLedger.MaxEntries)
        {
            log.Report(field.Path, $"{limit} is more than {SentMessageLedger.MaxEntries}, the most sent messages a customer's ledger remembers");
            return null;
        }

        return limit;
    }
}
