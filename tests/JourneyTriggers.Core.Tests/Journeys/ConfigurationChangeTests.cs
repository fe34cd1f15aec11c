using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using JourneyTriggers.Core.Tests.Support;
using static JourneyTriggers.Core.Tests.Support.Configs;

namespace JourneyTriggers.Core.Tests.Journeys;

/// <summary>
/// Documents outlive configurations: a deploy that removes steps meets customers armed at one of them, and must
/// neither fail their events nor their wake-ups.
/// </summary>
public class ConfigurationChangeTests
{
    static readonly TriggerConfiguration OneStepOnly = With(Trigger("abandoned_cart", TriggerKind.CartAbandoned,
        Step(1, "PT1H", Direct("cart-reminder-1", Channel.Push, Channel.Email))));

    /// <summary>Under the two-step cart trigger: step 1 sent at 11:00, step 2 armed for the next day.</summary>
    static CustomerState ArmedAtStepTwo()
    {
        var scenario = new Scenario(With(Cart()))
            .Given(Tp.Identify("2026-11-22T08:00:00Z"), Tp.Consent("2026-11-22T08:00:00Z"), Tp.Add("2026-11-22T10:00:00Z"))
            .RunUntil("2026-11-22T12:00:00Z");
        var armed = Assert.IsType<JourneyState.Armed>(scenario.Customer().JourneyOf("abandoned_cart").State);
        Assert.Equal(2, armed.Step);
        return scenario.Customer();
    }

    [Fact]
    public void Cart_activity_for_a_journey_armed_at_a_removed_step_is_decided()
    {
        var engine = new JourneyEngine(OneStepOnly);

        var decision = engine.Decide(ArmedAtStepTwo(), Tp.ViewCart("2026-11-22T12:30:00Z"), Tp.At("2026-11-22T12:30:00Z"));

        Assert.Empty(decision.Effects);
        Assert.Equal(Tp.At("2026-11-22T12:30:00Z"), decision.State.Clocks.LastCartActivity);
    }

    [Fact]
    public void The_wake_up_of_a_removed_step_completes_the_journey_without_sending()
    {
        var engine = new JourneyEngine(OneStepOnly);
        var state = ArmedAtStepTwo();
        var armed = (JourneyState.Armed)state.JourneyOf("abandoned_cart").State;

        var decision = engine.Fire(state, new TimerDue("abandoned_cart", armed.Token, armed.DueAt), armed.DueAt);

        Assert.Equal(["2026-11-23 11:00 c-42 journey.exited abandoned_cart completed"], decision.Effects.Select(Scenario.Describe));
        Assert.False(decision.State.JourneyOf("abandoned_cart").State.IsRunning);
    }

    [Fact]
    public void A_stale_wake_up_leaves_a_journey_armed_at_a_removed_step_to_its_own()
    {
        var engine = new JourneyEngine(OneStepOnly);
        var state = ArmedAtStepTwo();
        var armed = (JourneyState.Armed)state.JourneyOf("abandoned_cart").State;

        var decision = engine.Fire(state, new TimerDue("abandoned_cart", new TimerToken(armed.Token.Value - 1), armed.DueAt), armed.DueAt);

        Assert.Empty(decision.Effects);
        Assert.True(decision.State.JourneyOf("abandoned_cart").State.IsRunning);
    }
}
