namespace JourneyTriggers.Standalone.Smtp;

/// <summary>The SMTP server standalone mode sends email through, instead of only keeping it in the outbox.</summary>
public sealed class SmtpOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>Null: the server takes mail without authentication.</summary>
    public string? Username { get; init; }

    public string? Password { get; init; }

    public required string FromAddress { get; init; }

    public string? FromName { get; init; }

    public SmtpTlsMode Tls { get; init; } = SmtpTlsMode.StartTls;

    /// <summary>How long one network operation (connect, a command, the message upload) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
