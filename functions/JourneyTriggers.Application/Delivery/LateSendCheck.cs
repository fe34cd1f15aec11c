using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Processing;
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
        if (await customers.FindAsync(message.Customer, cancellationToken) is not { } customer)
            return "withdrawn before the provider took it: the customer no longer exists (erased, or merged into another)";
        return LateSends.WithdrawalReason(customer.State, message.MessageId, message.Channel, engine.Configuration.Defaults.EmailConsent);
    }
}
