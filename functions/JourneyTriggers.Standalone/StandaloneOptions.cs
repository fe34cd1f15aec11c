using JourneyTriggers.Standalone.Smtp;

namespace JourneyTriggers.Standalone;

/// <summary>How the standalone host keeps its state and where its email goes.</summary>
public sealed class StandaloneOptions
{
    /// <summary>The folder holding <c>journeytriggers.db</c> (and its WAL files); created if missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Null: emails stay in the outbox, delivered there (the dev inbox shows them). Set: sent through this server.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>The longest the timer pump sleeps without looking at the timer table.</summary>
    public TimeSpan TimerPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
