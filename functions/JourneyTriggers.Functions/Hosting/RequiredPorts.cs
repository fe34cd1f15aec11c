using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The ports the service cannot run without. Their adapters come from other projects' extension calls
/// (see Program.cs); a missing one stops start-up with every gap named, not the first request with one.
/// </summary>
internal static class RequiredPorts
{
    static readonly (Type Port, string Role)[] Ports =
    [
        (typeof(ICustomerStore), "customer documents"),
        (typeof(IReminderComposer), "rendering reminders"),
        (typeof(IOutboxReader), "GET /api/outbox"),
        (typeof(IUnsubscribeTokens), "unsubscribe links"),
    ];

    public static void Check(IServiceCollection services)
    {
        var missing = Ports.Where(p => !services.Any(d => d.ServiceType == p.Port)).Select(p => $"  {p.Port.Name} ({p.Role})").ToList();
        if (missing.Count > 0)
            throw new StartupRefusedException(
                "JourneyTriggers cannot start: no adapter is registered for\n" + string.Join("\n", missing) +
                "\nRegister them before Build(), as Program.cs shows (AddJourneyTriggersStandalone for the SQLite " +
                "store and outbox, AddJourneyTriggersMessages for the composer and unsubscribe tokens).");
    }
}
