using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using NodaTime;

namespace JourneyTriggers.Standalone.Smtp;

/// <summary>
/// Email through an SMTP server (MailKit), one connection kept open between sends. SMTP has no
/// deduplication: once any byte of the message went out, a lost connection is <see cref="SendOutcome.Unknown"/>.
/// A 5xx reply is a final refusal; a 4xx reply, or a failure before the message left, is "not sent".
/// </summary>
public sealed class SmtpEmailSender : IEmailSender, IAsyncDisposable
{
    readonly SmtpOptions options;
    readonly MailboxAddress sender;
    readonly SmtpClient client;
    readonly SemaphoreSlim gate = new(1, 1);

    public SmtpEmailSender(SmtpOptions options)
    {
        this.options = options;
        sender = EmailMessages.Sender(options);
        client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
    }

    public Duration? DeduplicationWindow => null;

    public async Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        MimeMessage mime;
        try
        {
            mime = EmailMessages.Build(message, sender);
        }
        catch (ParseException)
        {
            return new SendOutcome.Refused("invalid recipient address");
        }

        await gate.WaitAsync(cancellationToken);
        var upload = new UploadProgress();
        try
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Tls), cancellationToken);
                if (options.Username is { } username) await client.AuthenticateAsync(username, options.Password ?? "", cancellationToken);
            }
            await client.SendAsync(mime, cancellationToken, upload);
            return new SendOutcome.Accepted(null);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return code >= 500 ? new SendOutcome.Refused($"{code} {e.Message}") : new SendOutcome.NotSent($"{code} {e.Message}", null);
        }
        catch (ServiceNotAuthenticatedException e)
        {
            // MailKit's form of the server's "530 authentication required" to MAIL FROM: final until reconfigured.
            return new SendOutcome.Refused($"{(int)SmtpStatusCode.AuthenticationRequired} {e.Message}");
        }
        catch (Exception e) when (upload.Started)
        {
            await DisconnectAsync();
            return new SendOutcome.Unknown($"connection lost while sending ({e.GetType().Name})");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing of the message left this process: trying again cannot duplicate it.
            await DisconnectAsync();
            return new SendOutcome.NotSent($"not sent ({e.GetType().Name})", null);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        client.Dispose();
        gate.Dispose();
    }

    async Task DisconnectAsync()
    {
        if (!client.IsConnected) return;
        try
        {
            await client.DisconnectAsync(quit: true);
        }
        catch (Exception)
        {
            // The connection is being dropped because it is already broken; nothing to do.
        }
    }

    static SecureSocketOptions SocketOptions(SmtpTlsMode tls) => tls switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls, null),
    };

    /// <summary>Whether any byte of the message itself reached the connection.</summary>
    sealed class UploadProgress : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started |= bytesTransferred > 0;

        public void Report(long bytesTransferred) => Started |= bytesTransferred > 0;
    }
}
