using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Delivery;
using JourneyTriggers.Core.Journeys;

namespace JourneyTriggers.Application.Delivery;

/// <summary>
/// Reads the customer as they are now before a reminder that waited on its provider is tried again
/// (<see cref="LateSends"/>), in every host: a revoked channel or a journey the customer ended withdraws it.
/// </summary>
public sealed class LateSendCheck(JourneyEngine engine, CustomerUpdates customers)
{
    /// <summary>Why <paramref name="message"/> must no longer go, or null when it still may.</summary>
    public async Task<string?> WithdrawalReasonAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var customer = await customers.FindAsync(message.Customer, cancellationToken);
        // An anonymous profile merged since: the customer, their consent and devices live on under the known id.
        if (customer?.State.MergedInto is { } known) customer = await customers.FindAsync(ProfileKey.ForCustomer(known), cancellationToken);
        if (customer is null) return "withdrawn before the provider took it: the customer no longer exists (erased)";
        return LateSends.WithdrawalReason(customer.State, message.MessageId, message.Channel, engine.Configuration.Defaults.EmailConsent);
    }
}
