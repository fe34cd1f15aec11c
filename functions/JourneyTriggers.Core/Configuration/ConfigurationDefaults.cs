using NodaTime;

namespace JourneyTriggers.Core.Configuration;

/// <summary>The <c>defaults</c> block, after validation. Quiet hours and holdout may be overridden per trigger.</summary>
public sealed record ConfigurationDefaults(
    DateTimeZone TimeZone,
    string Locale,
    QuietHoursWindow? QuietHours,
    FrequencyCap FrequencyCap,
    decimal HoldoutPercent,
    Duration AttributionWindow,
    EmailConsentMode EmailConsent)
{
    /// <summary>The store's currency (ISO 4217): reports name it beside their revenue, and the dashboard formats revenue in it.</summary>
    public string Currency { get; init; } = DefaultCurrency;

    /// <summary>
    /// How far (in percent) the last day's cart abandonment rate may rise above its trailing 7-day
    /// mean before the dashboard raises the alert.
    /// </summary>
    public decimal AbandonmentAlertPercent { get; init; } = DefaultAbandonmentAlertPercent;

    public const string DefaultCurrency = "THB";
    public const decimal DefaultAbandonmentAlertPercent = 20m;
}
