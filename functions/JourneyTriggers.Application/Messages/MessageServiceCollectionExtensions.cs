using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Application.Messages;

public static class MessageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the template set, the unsubscribe tokens and <see cref="IReminderComposer"/>. Every
    /// template file is parsed here, so a broken override stops the host at start-up with its file and
    /// line. The composer needs the host's <see cref="TriggerConfiguration"/> (for the default locale,
    /// and to check that every template it names exists): resolve it at start-up to fail fast there too.
    /// </summary>
    public static IServiceCollection AddReminderMessages(this IServiceCollection services, MessageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.UnsubscribeSigningKey))
            throw new ArgumentException("MessageOptions.UnsubscribeSigningKey is required (UnsubscribeTokens.GenerateKey makes one).", nameof(options));
        var templates = new ReminderTemplates(options.TemplateOverridesDirectory);
        templates.Validate();
        var tokens = UnsubscribeTokens.FromBase64(options.UnsubscribeSigningKey);

        services.AddSingleton(options);
        services.AddSingleton(templates);
        services.AddSingleton(tokens);
        services.AddSingleton<IUnsubscribeTokens, ClockedUnsubscribeTokens>();
        services.AddSingleton<IReminderComposer>(provider =>
        {
            var configuration = provider.GetRequiredService<TriggerConfiguration>();
            templates.Validate(TemplateNames.Of(configuration));
            return new LiquidReminderComposer(templates, tokens, options, configuration.Defaults.Locale);
        });
        return services;
    }
}
