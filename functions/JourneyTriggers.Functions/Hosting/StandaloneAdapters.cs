using JourneyTriggers.Application.Messages;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Standalone;
using JourneyTriggers.Standalone;
using JourneyTriggers.Standalone.Smtp;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The adapters of the embedded default (DESIGN 2, mode 3): state, timers and the outbox in SQLite
/// under the data folder, reminders rendered from the Liquid templates, email to SMTP when a server
/// is configured (section <c>Smtp</c>), else kept in the outbox for the dev inbox.
/// </summary>
internal static class StandaloneAdapters
{
    public static IHostApplicationBuilder AddStandaloneAdapters(this IHostApplicationBuilder builder, ServeOptions options)
    {
        var configuration = builder.Configuration;
        builder.Services.AddJourneyTriggersStandalone(new StandaloneOptions
        {
            DataDirectory = options.DataDirectory,
            Smtp = configuration.GetSection("Smtp") is { } smtp && smtp["Host"] is { Length: > 0 } ? smtp.Get<SmtpOptions>() : null,
        });

        var messages = configuration.GetSection("Messages").Get<MessageOptions>() ?? new MessageOptions();
        messages.PublicBaseUrl = configuration["Unsubscribe:BaseUrl"] ?? PublicUrl(configuration["urls"]);
        messages.UnsubscribeSigningKey = UnsubscribeSigningKey.Resolve(configuration, options.DataDirectory);
        builder.Services.AddReminderMessages(messages);
        return builder;
    }

    /// <summary>Where unsubscribe links point when no public address is configured: the first URL we listen on.</summary>
    static string PublicUrl(string? urls)
    {
        var first = (urls ?? ServeOptions.DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
