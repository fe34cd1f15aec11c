using JourneyTriggers.Functions.Cli;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// <c>Unsubscribe:BaseUrl</c> of the standalone service: where the unsubscribe links of every email point
/// (<c>List-Unsubscribe</c> and the footer). Left out, they point at the first address the service listens on,
/// which is right while reminders stay in the outbox and the dev inbox, and a broken link in every real customer's
/// email once a provider sends them; so a real email sender needs it set. A loopback address that is set on purpose
/// (a local mail catcher such as maildev) is only warned about: refusing it would forbid exactly that setup.
/// </summary>
internal static class UnsubscribeBaseUrl
{
    public const string Setting = "Unsubscribe:BaseUrl";

    public static string Resolve(IConfiguration configuration, StandaloneChannels channels)
    {
        if (configuration[Setting] is { Length: > 0 } configured) return configured;
        var listening = ListeningUrl(configuration["urls"]);
        if (channels.SendsEmail)
            throw new StartupRefusedException(
                $"JourneyTriggers cannot start: reminder email goes through {channels.Email}, but {Setting} is not set, so every " +
                $"unsubscribe link would point at {listening}, which customers cannot open. Set {Setting} to the address " +
                $"customers reach this service at (--{Setting}=https://jt.shop.example).");
        return listening;
    }

    /// <summary>True when links to <paramref name="baseUrl"/> open only on the machine that runs the service.</summary>
    public static bool IsLoopback(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>The first URL we listen on, with a wildcard host made into one a browser can open.</summary>
    static string ListeningUrl(string? urls)
    {
        var first = (urls ?? ServeOptions.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
