using JourneyTriggers.Core.Configuration;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Support;

/// <summary>Trigger configurations built in code, so engine tests do not depend on the loader.</summary>
internal static class Configs
{
    public static Duration D(string iso) => PeriodPattern.NormalizingIso.Parse(iso).Value.ToDuration();

    public static BranchDefinition Direct(string template, params Channel[] channels) =>
        new(null, BranchCondition.Always, channels.Length == 0 ? [Channel.Email] : channels, template, []);

    public static StepDefinition Step(int number, string after, params BranchDefinition[] branches) =>
        new(number, D(after), branches);

    public static TriggerDefinition Trigger(string name, TriggerKind kind, params StepDefinition[] steps) =>
        new(name, kind, steps, 2, null, 0m, null, D("P3D"));

    public static ConfigurationDefaults Defaults(string zone = "UTC", QuietHoursWindow? quiet = null, FrequencyCap? cap = null, EmailConsentMode consent = EmailConsentMode.Explicit) =>
        new(DateTimeZoneProviders.Tzdb[zone], "en-US", quiet, cap ?? FrequencyCap.None, 0m, D("P3D"), consent);

    public static QuietHoursWindow Quiet(string start, string end) =>
        new(HourMinute.Parse(start).Value, HourMinute.Parse(end).Value);

    static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Abandoned cart: push-or-email after 1 h, email after 1 day.</summary>
    public static TriggerDefinition Cart(string name = "abandoned_cart") => Trigger(name, TriggerKind.CartAbandoned,
        Step(1, "PT1H", Direct("cart-reminder-1", Channel.Push, Channel.Email)),
        Step(2, "P1D", Direct("cart-reminder-2", Channel.Email)));

    public static TriggerDefinition Browse(int minViews = 2) => Trigger("browse_abandoned", TriggerKind.BrowseAbandoned,
        Step(1, "PT2H", Direct("browse-reminder"))) with { MinViews = minViews };

    public static TriggerDefinition App() => Trigger("app_inactive", TriggerKind.AppInactive,
        Step(1, "P7D", Direct("we-miss-you", Channel.Push)));

    /// <summary>Applies the defaults' quiet hours to triggers that have none, as the loader does.</summary>
    public static TriggerConfiguration With(ConfigurationDefaults defaults, params TriggerDefinition[] triggers) =>
        new(defaults, triggers.Select(t => t with { QuietHours = t.QuietHours ?? defaults.QuietHours }).ToArray());
    public static TriggerConfiguration With(params TriggerDefinition[] triggers) => new(Defaults(), triggers);
}
