using System.Text;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Http.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JourneyTriggers.Functions.Standalone;

/// <summary>
/// Tells the person who started the service where it listens, where the keys are, and a curl to
/// paste. The keys themselves appear only at the first start, when they were just generated.
/// </summary>
internal sealed class StartupBanner(IServiceProvider services, ConsoleOutput console, IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = services.GetRequiredService<AccessKeys>();
        var channels = services.GetService<StandaloneChannels>();
        // Logged too: the banner reaches whoever watches the console, the log reaches whoever runs the service.
        if (channels is not null) Log.DeliveryChannels(logger, channels.Email, channels.Push);
        if (channels is { SendsEmail: true } && services.GetRequiredService<MessageOptions>() is { PublicBaseUrl: var baseUrl }
            && UnsubscribeBaseUrl.IsLoopback(baseUrl))
            Log.UnsubscribeLinksOnLoopback(logger, channels.Email, baseUrl);
        lifetime.ApplicationStarted.Register(() => console.Writer.Write(Text(keys.Origin, ListeningUrl(), channels)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static string Text(KeyOrigin origin, string url, StandaloneChannels? channels = null)
    {
        var text = new StringBuilder().AppendLine($"JourneyTriggers {Telemetry.Version} is listening on {url}");
        if (channels is not null) text.AppendLine($"Reminder email goes through {channels.Email}; push through {channels.Push}.");
        string authorization;
        switch (origin)
        {
            case KeyOrigin.Generated generated:
                text.AppendLine($"Access keys were generated into {generated.Path} (readable only by you); every start reuses them.");
                if (generated.IngestionKey is { } ingestion) text.AppendLine($"  ingestion key  {ingestion}  (send events; also a Segment SDK's write key)");
                if (generated.AdminKey is { } admin) text.AppendLine($"  admin key      {admin}  (customers, outbox, metrics, dashboard)");
                authorization = generated.IngestionKey is { } key ? $"'Authorization: Bearer {key}'" : "\"Authorization: Bearer $JT_KEY\"";
                break;
            case KeyOrigin.FromFile { IngestionKeysConfigured: true } file:
                // The file's ingestion key is not in force: Auth:IngestionKeys is.
                text.AppendLine($"Access keys: ingestion keys from configuration (Auth:IngestionKeys), the admin key from {file.Path}");
                authorization = "\"Authorization: Bearer $JT_KEY\"";
                break;
            case KeyOrigin.FromFile file:
                text.AppendLine($"Access keys: {file.Path}");
                // grep rather than jq, which a newcomer may not have: generated keys all carry this prefix.
                authorization = $"\"Authorization: Bearer $(grep -o '{AccessKeyFile.IngestionKeyPrefix}[A-Za-z0-9_-]*' {ShellQuote(file.Path)} | head -n 1)\"";
                break;
            default:
                text.AppendLine("Access keys: from configuration (Auth:IngestionKeys, Auth:AdminKey).");
                authorization = "\"Authorization: Bearer $JT_KEY\"";
                break;
        }
        const string what = "a sample customer who gives an email address and consent, then leaves a laptop in the cart";
        if (authorization.Contains("$JT_KEY", StringComparison.Ordinal)) text.AppendLine($"Put one of your ingestion keys in JT_KEY, then send {what}:");
        else text.AppendLine($"Send {what}:");
        // Stamped and named by the shell when pasted, not when printed: the reminder comes a minute after the paste however
        // long the banner waited, and pasting again (after a restart on another configuration) is new cart activity
        // rather than three duplicates.
        var sample = "[" + string.Join(",", SampleEvents(at: "'$T'", run: "'$T'")) + "]";
        text.AppendLine($"  T=$(date -u +%Y-%m-%dT%H:%M:%SZ); curl -i -X POST {url}/api/events -H {authorization} -H 'Content-Type: application/json' -d '{sample}'");
        // The key rides in the links only when this banner prints it anyway; each page swaps it for a cookie at once.
        var signIn = origin is KeyOrigin.Generated { AdminKey: { } adminKey } ? $"?key={Uri.EscapeDataString(adminKey)}" : " (sign in with the admin key)";
        text.AppendLine($"Dev inbox (the reminders, as customers see them): {url}/dev/inbox{signIn}");
        text.AppendLine($"Dashboard (what the reminders earned): {url}/dashboard{signIn}");
        return text.ToString();
    }

    /// <summary>
    /// The banner's sample, one native touchpoint each: who c-welcome is and that they agree to email (without both no
    /// reminder can reach them), then the cart. Under samples/quick-start.json the first reminder is due a minute after
    /// <paramref name="at"/>; <paramref name="run"/> makes the ids of one sending.
    /// </summary>
    internal static IReadOnlyList<string> SampleEvents(string at, string run) =>
    [
        $$$"""{"id":"evt-welcome-{{{run}}}-1","type":"customer.identified","customerId":"c-welcome","timestamp":"{{{at}}}","source":"web","properties":{"email":"welcome@example.com","firstName":"Ada","locale":"en-US","timeZone":"Asia/Bangkok"}}""",
        $$$"""{"id":"evt-welcome-{{{run}}}-2","type":"consent.updated","customerId":"c-welcome","timestamp":"{{{at}}}","source":"web","properties":{"email":true}}""",
        $$$"""{"id":"evt-welcome-{{{run}}}-3","type":"cart.item_added","customerId":"c-welcome","timestamp":"{{{at}}}","source":"web","properties":{"sku":"LAP-14","name":"Laptop 14","price":32900,"quantity":1,"currency":"THB"}}""",
    ];

    /// <summary>The first address the server bound, with a wildcard host made into one a browser can open.</summary>
    string ListeningUrl()
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri))
            return ServeOptions.DefaultUrl;
        var host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
