using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Application.Messages;

public static class MessageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the template set, the unsubscribe tokens and <see cref="IReminderComposer"/> for the host's trigger
    /// <paramref name="configuration"/> (its default locale). Every template file is parsed here, and every template the
    /// configuration names is looked up, so a broken override or a misspelt template name stops the host before it is
    /// built (<see cref="TemplateValidationException"/> with every problem), not while it starts.
    /// </summary>
    public static IServiceCollection AddReminderMessages(this IServiceCollection services, MessageOptions options, TriggerConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(options.UnsubscribeSigningKey))
            throw new ArgumentException("MessageOptions.UnsubscribeSigningKey is required (UnsubscribeTokens.GenerateKey makes one).", nameof(options));
        var templates = new ReminderTemplates(options.TemplateOverridesDirectory);
        templates.Validate(TemplateNames.Of(configuration));
        var tokens = UnsubscribeTokens.FromBase64(options.UnsubscribeSigningKey);

        services.AddSingleton(options);
        services.AddSingleton(templates);
        services.AddSingleton(tokens);
        services.AddSingleton<IUnsubscribeTokens, ClockedUnsubscribeTokens>();
        services.AddSingleton<IReminderComposer>(new LiquidReminderComposer(templates, tokens, options, configuration.Defaults.Locale, configuration.Defaults.Currency));
        return services;
    }
}
