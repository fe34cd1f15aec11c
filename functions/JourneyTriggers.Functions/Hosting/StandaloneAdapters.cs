using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Privacy;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Standalone;
using JourneyTriggers.Standalone;
using JourneyTriggers.Standalone.Smtp;

namespace JourneyTriggers.Functions.Hosting;

/// <summary>
/// The adapters of the embedded default (DESIGN 2, mode 3): state, timers and the outbox in SQLite
/// under the data folder, reminders rendered from the Liquid templates, email and push through the
/// providers of <see cref="StandaloneChannels"/> when configured, else kept in the outbox for the dev inbox.
/// </summary>
internal static class StandaloneAdapters
{
    public static IHostApplicationBuilder AddStandaloneAdapters(this IHostApplicationBuilder builder, ServeOptions options)
    {
        var configuration = builder.Configuration;
        // The command line puts --data here; a later --Standalone:DataDirectory (or the test host's setting) wins, as for the keys file.
        var dataDirectory = Path.GetFullPath(configuration[ServeArguments.DataDirectoryKey] ?? options.DataDirectory);
        var smtp = configuration.GetSection("Smtp") is { } section && section["Host"] is { Length: > 0 } ? section.Get<SmtpOptions>() : null;
        // Before the standalone adapters: a sender registered first wins over SMTP and the outbox.
        var channels = StandaloneChannels.Register(builder.Services, configuration, smtp);
        builder.Services.AddJourneyTriggersStandalone(new StandaloneOptions
        {
            DataDirectory = dataDirectory, Smtp = smtp, DocumentCacheBytes = DocumentCacheSize.Bytes(configuration),
            Durability = DurabilitySetting.Read(configuration), Retention = RetentionSetting.Read(configuration),
            ArchiveTouchpoints = ArchiveSetting.Read(configuration),
        });

        var messages = configuration.GetSection("Messages").Get<MessageOptions>() ?? new MessageOptions();
        messages.PublicBaseUrl = UnsubscribeBaseUrl.Resolve(configuration, channels);
        messages.UnsubscribeSigningKey = UnsubscribeSigningKey.Resolve(configuration, dataDirectory);
        builder.Services.AddReminderMessages(messages, options.Configuration);
        builder.Services.AddSingleton(CustomerPseudonyms.DerivedFrom(messages.UnsubscribeSigningKey));
        return builder;
    }
}
