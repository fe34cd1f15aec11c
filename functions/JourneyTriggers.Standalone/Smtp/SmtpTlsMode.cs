namespace JourneyTriggers.Standalone.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text: only for a server on this machine or a trusted network (a dev mail catcher).</summary>
    None,
    /// <summary>Connect in plain text, then upgrade with STARTTLS, refusing a server that cannot (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}
