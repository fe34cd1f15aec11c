using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Application.Messages;

/// <summary>Renders a reminder the engine decided to send, from the customer's state at that moment.</summary>
public interface IReminderComposer
{
    OutboundMessage Compose(CustomerState customer, SendReminder reminder);
}
