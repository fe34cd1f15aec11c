using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Privacy;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The ports the service cannot run without, per mode. Their adapters come from other projects' extension
/// calls (see Program.cs); a missing one stops start-up with every gap named, not the first request with one.
/// </summary>
internal static class RequiredPorts
{
    static readonly (Type Port, string Role)[] Standalone =
    [
        (typeof(ICustomerStore), "customer documents"),
        (typeof(IReminderComposer), "rendering reminders"),
        (typeof(IOutboxReader), "GET /api/outbox"),
        (typeof(IUnsubscribeTokens), "unsubscribe links"),
        (typeof(IMetricsStore), "GET /api/metrics and the dashboard"),
        (typeof(CustomerPseudonyms), "naming customers in logs"),
    ];

    /// <summary>Under the Functions host there is no outbox route, and events that can never be processed are dead-lettered.</summary>
    static readonly (Type Port, string Role)[] CustomHandler =
    [
        (typeof(ICustomerStore), "customer documents"),
        (typeof(ITouchpointDestination), "publishing the events POST /api/events and /v1/* accept to Event Hubs"),
        (typeof(IReminderComposer), "rendering reminders"),
        (typeof(IUnsubscribeTokens), "unsubscribe links"),
        (typeof(IDeadLetterStore), "dead letters of the Touchpoints and Timers functions"),
        (typeof(IMetricsStore), "the Metrics function"),
        (typeof(CustomerPseudonyms), "naming customers in logs"),
    ];

    public static void Check(IServiceCollection services, bool customHandler)
    {
        var ports = customHandler ? CustomHandler : Standalone;
        var missing = ports.Where(p => !services.Any(d => d.ServiceType == p.Port)).Select(p => $"  {p.Port.Name} ({p.Role})").ToList();
        if (missing.Count == 0) return;
        var where = customHandler
            ? "Register them in AddAzureAdapters (Hosting/AzureAdapters.cs), which serve --custom-handler calls."
            : "Register them before Build(), as Program.cs shows (AddJourneyTriggersStandalone for the SQLite " +
              "store and outbox, AddJourneyTriggersMessages for the composer and unsubscribe tokens).";
        throw new StartupRefusedException("JourneyTriggers cannot start: no adapter is registered for\n" + string.Join("\n", missing) + "\n" + where);
    }
}
