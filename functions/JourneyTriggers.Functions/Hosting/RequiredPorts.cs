using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// Fails start-up at once, naming every port without an adapter, rather than at the first request
/// that needs one. The adapters come from other projects' extension calls (see Program.cs).
/// </summary>
internal sealed class RequiredPorts(IServiceProviderIsService services) : IHostedService
{
    static readonly (Type Port, string Role)[] Ports =
    [
        (typeof(ICustomerStore), "customer documents"),
        (typeof(IReminderComposer), "rendering reminders"),
        (typeof(IOutboxReader), "GET /api/outbox"),
        (typeof(IUnsubscribeTokens), "unsubscribe links"),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = Ports.Where(p => !services.IsService(p.Port)).Select(p => $"  {p.Port.Name} ({p.Role})").ToList();
        if (missing.Count > 0)
            throw new StartupRefusedException(
                "JourneyTriggers cannot start: no adapter is registered for\n" + string.Join("\n", missing) +
                "\nRegister them before Build(), as Program.cs shows (AddJourneyTriggersStandalone for the SQLite " +
                "store and outbox, AddJourneyTriggersMessages for the composer and unsubscribe tokens).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
