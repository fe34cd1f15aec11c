using NodaTime;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// The settings a trigger may override on the defaults (DESIGN 4.3). Read the same way in both
/// places; an absent key inherits, and a present but invalid one is reported and inherits too.
/// </summary>
internal sealed record OverridableSettings(decimal HoldoutPercent, QuietHoursWindow? QuietHours, Duration AttributionWindow)
{
    public static readonly string[] Keys = ["holdoutPercent", "quietHours", "attributionWindow"];

    public OverridableSettings Override(ObjectFields fields, ErrorLog log) => new(
        fields.Get("holdoutPercent") is { } holdout ? ReadHoldout(holdout, log) ?? HoldoutPercent : HoldoutPercent,
        fields.Get("quietHours") is { } quiet ? QuietHoursReader.Read(quiet, log) : QuietHours,
        fields.Get("attributionWindow") is { } window
            ? IsoDurations.Read(window, log, allowZero: false) ?? AttributionWindow
            : AttributionWindow);

    static decimal? ReadHoldout(JsonField field, ErrorLog log)
    {
        var percent = JsonValues.ReadNumber(field, log);
        if (percent is null or (>= 0 and <= 100))
            return percent;
        log.Report(field.Path, $"must be between 0 and 100, got {field.Describe()}");
        return null;
    }
}
