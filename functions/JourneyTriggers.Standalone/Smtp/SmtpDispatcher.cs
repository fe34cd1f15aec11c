using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Sqlite;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using NodaTime;

namespace JourneyTriggers.Standalone.Smtp;

/// <summary>
/// Sends the outbox's pending emails through the SMTP server, at most once each (DESIGN 4.6): a row is
/// committed as "sending" before the server hears of it. An explicit refusal is final for 5xx and
/// retried with back-off for 4xx; a connection lost once the message was on its way leaves it
/// "unknown", since SMTP cannot tell us whether it arrived and a second send could duplicate it.
/// </summary>
public sealed class SmtpDispatcher : BackgroundService
{
    const int BatchSize = 16;

    static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);
    static readonly TimeSpan FirstReconnect = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxReconnect = TimeSpan.FromMinutes(1);

    readonly SqliteDatabase database;
    readonly SmtpOptions options;
    readonly TimeProvider time;
    readonly ILogger<SmtpDispatcher> logger;
    readonly MailboxAddress sender;
    int connectFailures;

    public SmtpDispatcher(SqliteDatabase database, SmtpOptions options, TimeProvider time, ILogger<SmtpDispatcher> logger)
    {
        this.database = database;
        this.options = options;
        this.time = time;
        this.logger = logger;
        sender = EmailMessages.Sender(options);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interrupted = await database.WriteAsync(EmailQueue.MarkInterrupted, stoppingToken);
        if (interrupted > 0) logger.EmailsInterrupted(interrupted);

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        var outboxFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                var more = await SendDueAsync(client, stoppingToken);
                outboxFailures = 0;
                if (more) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The outbox itself could not be read or written.
                wait = Backoff.Delay(FirstReconnect, ++outboxFailures, MaxReconnect);
                logger.DispatcherFailed(wait, e);
            }
            // Stopping cuts the wait short; the loop condition then ends the dispatcher.
            await Task.Delay(wait, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        await DisconnectAsync(client);
    }

    /// <summary>Sends one batch of due emails; true when it sent something and more may be due.</summary>
    async Task<bool> SendDueAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var due = database.Read(session => EmailQueue.Due(session, NowTicks(), BatchSize));
        if (due.Count == 0)
        {
            // Idle: do not hold a connection the server would drop anyway.
            await DisconnectAsync(client);
            return false;
        }
        foreach (var email in due)
        {
            if (!await TryConnectAsync(client, cancellationToken)) return false;
            await DeliverAsync(client, email, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Connects and authenticates if not connected. A failure here is the server's, not a message's:
    /// no attempt is counted, and the dispatcher backs off.
    /// </summary>
    async Task<bool> TryConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        if (client.IsConnected) return true;
        try
        {
            await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Tls), cancellationToken);
            if (options.Username is { } username) await client.AuthenticateAsync(username, options.Password ?? "", cancellationToken);
            connectFailures = 0;
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await DisconnectAsync(client);
            var retryIn = Backoff.Delay(FirstReconnect, ++connectFailures, MaxReconnect);
            logger.SmtpUnavailable(options.Host, options.Port, retryIn, e);
            await Task.Delay(retryIn, time, cancellationToken);
            return false;
        }
    }

    async Task DeliverAsync(SmtpClient client, PendingEmail email, CancellationToken cancellationToken)
    {
        if (!await database.WriteAsync(session => EmailQueue.MarkSending(session, email.MessageId), cancellationToken)) return;
        var attempt = email.Attempts + 1;
        MimeMessage message;
        try
        {
            message = EmailMessages.Build(email, sender);
        }
        catch (ParseException)
        {
            logger.EmailUnsendable(email.MessageId, email.Customer.Value, "invalid recipient address");
            await SettleAsync(email, OutboxStatus.Failed, "invalid recipient address");
            return;
        }

        var upload = new UploadProgress();
        try
        {
            await client.SendAsync(message, cancellationToken, upload);
        }
        catch (SmtpCommandException e)
        {
            await RefusedAsync(email, attempt, (int)e.StatusCode, e.Message);
            return;
        }
        catch (ServiceNotAuthenticatedException e)
        {
            // MailKit's form of the server's "530 authentication required" to MAIL FROM.
            await RefusedAsync(email, attempt, (int)SmtpStatusCode.AuthenticationRequired, e.Message);
            return;
        }
        catch (Exception e) when (upload.Started)
        {
            await DisconnectAsync(client);
            logger.EmailUnknown(email.MessageId, email.Customer.Value, e.GetType().Name);
            await SettleAsync(email, OutboxStatus.Unknown, $"connection lost while sending ({e.GetType().Name})");
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }
        catch (Exception e)
        {
            // Nothing of the message left this process: trying again cannot duplicate it.
            await DisconnectAsync(client);
            await RetryOrFailAsync(email, attempt, $"not sent ({e.GetType().Name})", statusCode: 0);
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }
        await SettleAsync(email, OutboxStatus.Delivered, null, NowTicks());
        logger.EmailDelivered(email.MessageId, email.Customer.Value);
    }

    /// <summary>The server answered no: 5xx is final, 4xx is "not now".</summary>
    Task RefusedAsync(PendingEmail email, int attempt, int code, string serverReply)
    {
        var reason = $"{code} {serverReply}";
        if (code < 500) return RetryOrFailAsync(email, attempt, reason, code);
        logger.EmailFailed(email.MessageId, email.Customer.Value, attempt, code);
        return SettleAsync(email, OutboxStatus.Failed, reason);
    }

    async Task RetryOrFailAsync(PendingEmail email, int attempt, string reason, int statusCode)
    {
        if (attempt >= options.MaxAttempts)
        {
            logger.EmailFailed(email.MessageId, email.Customer.Value, attempt, statusCode);
            await SettleAsync(email, OutboxStatus.Failed, reason);
            return;
        }
        var retryIn = Backoff.Delay(options.RetryDelay, attempt, MaxRetry);
        logger.EmailRetrying(email.MessageId, email.Customer.Value, attempt, statusCode == 0 ? reason : $"SMTP {statusCode}", retryIn);
        // The outcome is recorded even when the host is stopping.
        await database.WriteAsync(session => EmailQueue.Retry(session, email.MessageId, reason, NowTicks() + retryIn.Ticks), CancellationToken.None);
    }

    Task SettleAsync(PendingEmail email, OutboxStatus status, string? error, long? deliveredAtTicks = null) =>
        database.WriteAsync(session => EmailQueue.Settle(session, email.MessageId, status, error, deliveredAtTicks), CancellationToken.None);

    static async Task DisconnectAsync(SmtpClient client)
    {
        if (!client.IsConnected) return;
        try
        {
            await client.DisconnectAsync(quit: true);
        }
        catch (Exception)
        {
            // The connection is being dropped because it is already broken or idle; nothing to do.
        }
    }

    static SecureSocketOptions SocketOptions(SmtpTlsMode tls) => tls switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.Ssl => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(tls), tls, null),
    };

    long NowTicks() => Instant.FromDateTimeOffset(time.GetUtcNow()).ToUnixTimeTicks();

    /// <summary>Whether any byte of the message itself reached the connection.</summary>
    sealed class UploadProgress : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred) => Started |= bytesTransferred > 0;
    }
}
