using System.Globalization;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Replay;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using NodaTime.Text;

namespace JourneyTriggers.Core.Tests.Support;

/// <summary>
/// Given touchpoints, when time runs to an instant, then these effects — written as compact lines
/// (<c>at type trigger/step key=value…</c>) so an expectation reads like the decision timeline.
/// </summary>
internal sealed class Scenario(TriggerConfiguration configuration)
{
    readonly ReplayRun run = new(new JourneyEngine(configuration));
    readonly List<Effect> effects = new();

    public IReadOnlyList<Effect> Effects => effects;
    public IReadOnlyDictionary<ProfileKey, CustomerState> Customers => run.Customers;

    public Scenario Given(params Touchpoint[] touchpoints)
    {
        foreach (var tp in touchpoints) effects.AddRange(run.Accept(tp));
        return this;
    }

    public Scenario RunUntil(string iso)
    {
        effects.AddRange(run.RunUntil(Tp.At(iso)));
        return this;
    }

    public CustomerState Customer(string id = Tp.Customer) => run.Customers[ProfileKey.ForCustomer(id)];

    public IReadOnlyList<string> Lines => effects.Select(Describe).ToList();

    public void Then(params string[] expected) => Assert.Equal(expected, Lines);

    public static string Describe(Effect effect)
    {
        var at = InstantPattern.General.Format(effect.At)[..^4].Replace("T", " ", StringComparison.Ordinal);
        var who = effect.Customer.CustomerId ?? "anon:" + effect.Customer.AnonymousId;
        var detail = effect switch
        {
            JourneyEntered e => e.Trigger,
            ExitJourney e => $"{e.Trigger} {e.Reason.ToWire()}",
            SendReminder e => $"{Path(e.Path)} {e.Channel.ToWire()} {e.Template}",
            DeferReminder e => $"{Path(e.Path)} until {InstantPattern.General.Format(e.Until)[..^4].Replace("T", " ", StringComparison.Ordinal)}",
            SuppressReminder e => $"{Path(e.Path)} {e.Reason.ToWire()}",
            SkipStep e => $"{Path(e.Path)} {SkipStep.NoMatchingBranch}",
            RecordConversion e => $"{Path(e.Path)} {e.Channel.ToWire()} {e.OrderId} {e.Revenue.ToString(CultureInfo.InvariantCulture)}{(e.Holdout ? " holdout" : "")}",
            RejectTouchpoint e => $"{e.EventId} {e.Reason}",
            _ => effect.ToString(),
        };
        return $"{at} {who} {effect.WireName} {detail}";
    }

    static string Path(StepPath p) => $"{p.Trigger}/{p.Step}" + (p.Branch is null ? "" : $"/{p.Branch}") + (p.Variant is null ? "" : $"/{p.Variant}");
}
