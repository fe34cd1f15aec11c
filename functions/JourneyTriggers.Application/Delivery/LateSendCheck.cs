using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// Reads the customer as they are now before a reminder that waited on its provider is tried again
/// (<see cref="LateSends"/>), in every host: a revoked channel or a journey the customer ended withdraws it, and
/// their quiet hours hold it until they end.
/// </summary>
public sealed class LateSendCheck(JourneyEngine engine, CustomerUpdates customers, HostClock clock)
{
    public async Task<LateSend> CheckAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(message.Customer, cancellationToken);
        // An anonymous profile merged since: the customer, their consent and devices live on under the known id.
        if (customer?.State.MergedInto is { } known) customer = await customers.FindAsync(ProfileKey.ForCustomer(known), cancellationToken);
        if (customer is null) return new LateSend("withdrawn before the provider took it: the customer no longer exists (erased)", null);
        var configuration = engine.Configuration;
        return LateSends.WithdrawalReason(customer.State, message.MessageId, message.Channel, configuration.Defaults.EmailConsent) is { } reason
            ? new LateSend(reason, null)
            : new LateSend(null, LateSends.QuietUntil(customer.State, message.Trigger, configuration, clock.Now()));
    }
}

/// <summary>What a late send comes to: withdrawn with a reason, held until the customer's quiet hours end, or neither (it goes).</summary>
public sealed record LateSend(string? Withdrawal, Instant? HeldUntil)
{
    /// <summary>The delivery record with this applied (<see cref="DeliveryMachine.Withdraw"/>, <see cref="DeliveryMachine.Postpone"/>).</summary>
    public DeliveryProgress Applied(DeliveryProgress progress) =>
        Withdrawal is { } reason ? DeliveryMachine.Withdraw(progress, reason)
        : HeldUntil is { } until ? DeliveryMachine.Postpone(progress, until)
        : progress;
}
