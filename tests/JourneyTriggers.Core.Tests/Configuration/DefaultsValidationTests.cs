using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.GuardRails;
using NodaTime;
using static JourneyTriggers.Core.Tests.Configuration.ConfigurationJson;

namespace JourneyTriggers.Core.Tests.Configuration;

public class DefaultsValidationTests
{
    [Theory]
    [InlineData(""" "timeZone": "Mars/Olympus" """, """defaults.timeZone: "Mars/Olympus" is not an IANA time zone id like "Asia/Bangkok" """)]
    [InlineData(""" "timeZone": 7 """, "defaults.timeZone: expected a string, got 7")]
    [InlineData(""" "locale": "en_US" """, """defaults.locale: "en_US" is not a culture name like "en-US" or "th-TH" """)]
    [InlineData(""" "locale": "en-us" """, """defaults.locale: "en-us" is not a culture name like "en-US" or "th-TH" """)]
    [InlineData(""" "locale": "English" """, """defaults.locale: "English" is not a culture name like "en-US" or "th-TH" """)]
    [InlineData(""" "holdoutPercent": "ten" """, """defaults.holdoutPercent: expected a number, got "ten" """)]
    [InlineData(""" "holdoutPercent": 150 """, "defaults.holdoutPercent: must be between 0 and 100, got 150")]
    [InlineData(""" "holdoutPercent": -0.5 """, "defaults.holdoutPercent: must be between 0 and 100, got -0.5")]
    [InlineData(""" "holdoutPercent": 1e400 """, "defaults.holdoutPercent: 1e400 is out of range")]
    [InlineData(""" "attributionWindow": "PT0S" """, """defaults.attributionWindow: "PT0S" must be longer than zero""")]
    [InlineData(""" "attributionWindow": "P1M" """, """defaults.attributionWindow: "P1M" uses months; only weeks, days, hours, minutes and seconds are allowed""")]
    [InlineData(""" "emailConsent": "opt-in" """, """defaults.emailConsent: "opt-in" is not one of "explicit", "implicit" """)]
    [InlineData(""" "frequencyCap": { "perDay": 0 } """, "defaults.frequencyCap.perDay: must be a whole number of at least 1, got 0")]
    [InlineData(""" "frequencyCap": { "perWeek": 2.5 } """, "defaults.frequencyCap.perWeek: must be a whole number of at least 1, got 2.5")]
    [InlineData(""" "frequencyCap": { "perWeek": "5" } """, """defaults.frequencyCap.perWeek: expected a whole number, got "5" """)]
    [InlineData(""" "frequencyCap": null """, "defaults.frequencyCap: expected an object, got null")]
    [InlineData(""" "frequencyCap": { "perWeek": 300 } """, "defaults.frequencyCap.perWeek: 300 is more than 200, the most sent messages a customer's ledger remembers")]
    [InlineData(""" "frequencyCap": { "perDay": 5, "perWeek": 2 } """, "defaults.frequencyCap.perDay: 5 is more than perWeek (2): a day can never send more than its week allows; lower perDay or raise perWeek")]
    [InlineData(""" "frequencyCap": { "perDay": 201 } """, "defaults.frequencyCap.perDay: 201 is more than 200, the most sent messages a customer's ledger remembers")]
    public void A_bad_default_is_named_with_its_path(string members, string expected) =>
        Assert.Equal(expected.TrimEnd(), Error(WithDefaults(members)));

    [Theory]
    [InlineData(""" "quietHours": { "start": "21:00", "end": "21:00" } """, "defaults.quietHours: start and end are both 21:00; use null to switch quiet hours off")]
    [InlineData(""" "quietHours": { "start": "9pm", "end": "08:00" } """, """defaults.quietHours.start: "9pm" is not a time of day like "21:00" or "21:00:30" """)]
    [InlineData(""" "quietHours": { "start": "21:00", "end": "24:00" } """, """defaults.quietHours.end: "24:00" is not a time of day like "21:00" or "21:00:30" """)]
    [InlineData(""" "quietHours": { "start": "21:00" } """, "defaults.quietHours.end: required")]
    [InlineData(""" "quietHours": "21:00-08:00" """, """defaults.quietHours: expected an object, got "21:00-08:00" """)]
    [InlineData(""" "quietHours": false """, "defaults.quietHours: expected an object, got false")]
    public void Quiet_hours_need_two_different_times_of_day(string members, string expected) =>
        Assert.Equal(expected.TrimEnd(), Error(WithDefaults(members)));

    [Fact]
    public void The_largest_cap_accepted_is_one_the_ledger_can_reach()
    {
        var cap = Loaded(WithDefaults(""" "frequencyCap": { "perDay": 200, "perWeek": 200 } """)).Defaults.FrequencyCap;
        var now = Instant.FromUtc(2026, 11, 22, 11, 0);
        // a minute apart, oldest first, all inside the last day
        var oneMoreThanRemembered = Enumerable.Range(0, SentMessageLedger.MaxEntries + 1).Reverse().Select(i => new SentMessage(
            now - Duration.FromMinutes(i), new StepPath("abandoned_cart", 1, null, null), Channel.Email, $"m-{i}", Holdout: false, Duration.FromDays(3)));

        var ledger = oneMoreThanRemembered.Aggregate(SentMessageLedger.Empty, (sent, message) => sent.Record(message));

        Assert.False(FrequencyCapping.Allows(cap, ledger, now));
    }

    [Fact]
    public void Null_quiet_hours_and_zero_holdout_switch_those_guard_rails_off()
    {
        var trigger = Loaded(WithDefaults(""" "quietHours": null, "holdoutPercent": 0 """)).Triggers[0];

        Assert.Null(trigger.QuietHours);
        Assert.Equal(0m, trigger.HoldoutPercent);
    }

    [Theory]
    [InlineData("th")]
    [InlineData("th-TH")]
    [InlineData("es-419")]
    [InlineData("sr-Latn-RS")]
    public void A_locale_is_checked_by_shape_so_every_host_agrees(string locale) =>
        Assert.Equal(locale, Loaded(WithDefaults($"\"locale\": \"{locale}\"")).Defaults.Locale);
}
