using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.GuardRails;
using JourneyTriggers.Core.Journeys;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>Drives a customer through a journey inside a running test service, as the timer pump will.</summary>
internal static class Journeys
{
    /// <summary>A customer id outside the 10% holdout of the bundled abandoned_cart trigger, so its reminders are sent.</summary>
    public static string TreatedCustomer(string prefix) =>
        Enumerable.Range(0, 100).Select(i => $"{prefix}-{i}").First(id => !Holdout.Includes("abandoned_cart", id, 10m));

    /// <summary>Moves the clock to the trigger's armed instant and delivers the wake-up, as the timer pump would.</summary>
    public static async Task FireDueAsync(ServiceFactory service, string customerId, string trigger = "abandoned_cart")
    {
        var (token, due) = service.Store[customerId]!.JourneyOf(trigger).State switch
        {
            JourneyState.Armed armed => (armed.Token, armed.DueAt),
            JourneyState.Deferred deferred => (deferred.Token, deferred.Until),
            var other => throw new InvalidOperationException($"{trigger} is not running: {other}"),
        };
        if (due.ToDateTimeOffset() > service.Time.Now) service.Time.Now = due.ToDateTimeOffset();
        var timers = service.Services.GetRequiredService<TimerProcessing>();
        await timers.FireAsync(ProfileKey.ForCustomer(customerId), new TimerDue(trigger, token, due), CancellationToken.None);
    }
}
