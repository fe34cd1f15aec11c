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

        return new FrequencyCap(
            fields.Get("perDay") is { } day ? ReadLimit(day, log) : null,
            fields.Get("perWeek") is { } week ? ReadLimit(week, log) : null);
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
