using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>Renders a fixed email for any reminder.</summary>
internal sealed class FakeComposer : IReminderComposer
{
    public OutboundMessage Compose(CustomerState customer, SendReminder reminder) =>
        Messages.Email(reminder.MessageId, customer.Identity.Profile, reminder.At, reminder.Path.Step);
}
