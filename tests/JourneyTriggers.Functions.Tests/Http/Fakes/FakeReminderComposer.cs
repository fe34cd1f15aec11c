using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>Renders a reminder as its template name: enough for the pipeline to persist it with the decision.</summary>
public sealed class FakeReminderComposer : IReminderComposer
{
    public OutboundMessage Compose(CustomerState customer, SendReminder reminder) => new(
        reminder.MessageId, customer.Identity.Profile, reminder.Channel, reminder.Path.Trigger, reminder.Path.Step, reminder.Template,
        customer.Profile.Locale ?? "en", reminder.At,
        reminder.Channel == Channel.Email ? new EmailContent(customer.Profile.Email ?? "", reminder.Template, "<p>" + reminder.Template + "</p>", reminder.Template, new Dictionary<string, string>()) : null,
        reminder.Channel == Channel.Push ? new PushContent([.. customer.Profile.Installations.Select(i => i.InstallationId)], reminder.Template, reminder.Template, null) : null);
}
