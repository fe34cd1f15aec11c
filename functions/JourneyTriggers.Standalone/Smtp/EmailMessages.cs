using JourneyTriggers.Application.Messages;
using MimeKit;

namespace JourneyTriggers.Standalone.Smtp;

/// <summary>The MIME form of an outbox email: text and HTML as alternatives, our headers, and a Message-ID from the message id.</summary>
internal static class EmailMessages
{
    /// <exception cref="ParseException">The recipient is not a valid address.</exception>
    public static MimeMessage Build(OutboundMessage outbound, MailboxAddress sender)
    {
        var email = outbound.Email ?? throw new ArgumentException($"Message {outbound.MessageId} is not an email.", nameof(outbound));
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Date = outbound.At.ToDateTimeOffset();
        // Deterministic, like the id it comes from: a receiving system that deduplicates by
        // Message-ID sees a re-sent copy as the same message.
        message.MessageId = $"{outbound.MessageId}@{sender.Domain}";
        // List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) among them, as the composer set them.
        foreach (var (name, value) in email.Headers) message.Headers.Add(name, value);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }

    public static MailboxAddress Sender(SmtpOptions options)
    {
        var sender = MailboxAddress.Parse(options.FromAddress);
        sender.Name = options.FromName;
        return sender;
    }
}
