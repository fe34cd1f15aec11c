using System.Text.RegularExpressions;
using NodaTime;

namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>The <c>defaults</c> block; every key is optional and falls back to <see cref="BuiltIn"/> (DESIGN 4.3.1).</summary>
internal static partial class DefaultsReader
{
    static readonly string[] Keys =
        ["timeZone", "locale", "quietHours", "frequencyCap", "holdoutPercent", "attributionWindow", "emailConsent",
         "currency", "abandonmentAlertPercent"];

    static readonly (string Wire, EmailConsentMode Value)[] ConsentModes =
    [
        ("explicit", EmailConsentMode.Explicit),
        ("implicit", EmailConsentMode.Implicit),
    ];

    public static readonly ConfigurationDefaults BuiltIn = new(
        DateTimeZone.Utc,
        "en-US",
        QuietHours: null,
        FrequencyCap.None,
        HoldoutPercent: 0m,
        AttributionWindow: Duration.FromDays(3),
        EmailConsentMode.Explicit);

    public static ConfigurationDefaults Read(JsonField? field, ErrorLog log)
    {
        if (field is null || ObjectFields.Open(field.Value, log, Keys) is not { } fields)
            return BuiltIn;

        var zone = fields.Get("timeZone") is { } zoneField ? ReadTimeZone(zoneField, log) ?? BuiltIn.TimeZone : BuiltIn.TimeZone;
        var locale = fields.Get("locale") is { } localeField ? ReadLocale(localeField, log) ?? BuiltIn.Locale : BuiltIn.Locale;
        var settings = new OverridableSettings(BuiltIn.HoldoutPercent, BuiltIn.QuietHours, BuiltIn.AttributionWindow)
            .Override(fields, log);
        return new ConfigurationDefaults(
            zone,
            locale,
            settings.QuietHours,
            fields.Get("frequencyCap") is { } cap ? FrequencyCapReader.Read(cap, log) ?? FrequencyCap.None : FrequencyCap.None,
            settings.HoldoutPercent,
            settings.AttributionWindow,
            fields.Get("emailConsent") is { } consent
                ? JsonValues.ReadOneOf(consent, log, ConsentModes) ?? BuiltIn.EmailConsent
                : BuiltIn.EmailConsent)
        {
            Currency = fields.Get("currency") is { } currency ? ReadCurrency(currency, log) ?? BuiltIn.Currency : BuiltIn.Currency,
            AbandonmentAlertPercent = fields.Get("abandonmentAlertPercent") is { } alert
                ? ReadAlertPercent(alert, log) ?? BuiltIn.AbandonmentAlertPercent
                : BuiltIn.AbandonmentAlertPercent,
        };
    }

    static string? ReadCurrency(JsonField field, ErrorLog log)
    {
        var code = JsonValues.ReadString(field, log);
        if (code is null || CurrencyCode().IsMatch(code))
            return code;
        log.Report(field.Path, $"{field.Describe()} is not an ISO 4217 currency code like \"THB\" or \"USD\" (three capital letters)");
        return null;
    }

    static decimal? ReadAlertPercent(JsonField field, ErrorLog log)
    {
        var percent = JsonValues.ReadNumber(field, log);
        if (percent is null or (> 0 and <= 1000))
            return percent;
        log.Report(field.Path, $"must be above 0 and at most 1000 (percent above the trailing 7-day mean), got {field.Describe()}");
        return null;
    }

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex CurrencyCode();

    static DateTimeZone? ReadTimeZone(JsonField field, ErrorLog log)
    {
        var id = JsonValues.ReadString(field, log);
        if (id is null)
            return null;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
            log.Report(field.Path, $"{field.Describe()} is not an IANA time zone id like \"Asia/Bangkok\"");
        return zone;
    }

    // Checked by shape, not against CultureInfo: which cultures exist depends on the host's ICU data,
    // and the same file must load the same way on every host.
    static string? ReadLocale(JsonField field, ErrorLog log)
    {
        var name = JsonValues.ReadString(field, log);
        if (name is null || CultureName().IsMatch(name))
            return name;
        log.Report(field.Path, $"{field.Describe()} is not a culture name like \"en-US\" or \"th-TH\"");
        return null;
    }

    // language[-Script][-REGION], the subset of BCP 47 that .NET culture names use: en, th-TH, zh-Hans-CN, es-419.
    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?\z")]
    private static partial Regex CultureName();
}
