namespace JourneyTriggers.Standalone.Outbox;

/// <summary>Where emails go. Push notifications always stay in the outbox in standalone mode.</summary>
public enum EmailDestination
{
    /// <summary>The outbox is the destination: a message is delivered the moment it is stored.</summary>
    Outbox,
    /// <summary>Stored pending, then sent by the SMTP dispatcher.</summary>
    Smtp,
}
