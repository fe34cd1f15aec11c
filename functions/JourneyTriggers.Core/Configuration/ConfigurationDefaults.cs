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
    EmailConsentMode EmailConsent);
