using System.Net;
using JourneyTriggers.Application.Messages.Unsubscribe;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Configuration.Loading;
using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.CustomHandler;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Tests.Http;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using JourneyTriggers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary><c>serve --custom-handler</c> as the host starts it: on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT, or not at all, saying why.</summary>
public sealed class CustomHandlerStartupTests
{

    /// <summary>Program.cs's steps for custom-handler mode, from the command line the host uses.</summary>
    static WebApplicationBuilder Builder(params string[] settings)
    {
        var (arguments, problems) = ServeArguments.Parse(["--custom-handler", "--Logging:LogLevel:Default=Warning", .. settings]);
        Assert.Empty(problems);
        Assert.True(arguments!.CustomHandler);
        var configuration = ((ConfigurationLoadResult.Loaded)ConfigurationLoader.Load(File.ReadAllBytes(arguments.ConfigPath))).Configuration;
        var options = new ServeOptions(arguments.ConfigPath, configuration, arguments.DataDirectory, arguments.HostArguments, arguments.CustomHandler);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddJourneyTriggers(options);
        builder.AddAzureAdapters(options);
        return builder;
    }

    static string[] Settings(int port) =>
    [
        $"--{HostPort.Setting}={port}", $"--Auth:IngestionKeys:0={CustomHandlerFactory.FixtureKey}", $"--Auth:AdminKey={ServiceFactory.AdminKey}",
        "--Unsubscribe:BaseUrl=https://func-jt-abc123.azurewebsites.net/api", $"--Unsubscribe:SigningKey={UnsubscribeTokens.GenerateKey()}",
        .. AzureSettings,
    ];

    static IEnumerable<string> AzureSettings => CustomHandlerFactory.AzureSettings.Select(s => $"--{s.Key}={s.Value}");

    [Fact]
    public async Task It_listens_on_the_port_the_host_gives_and_answers_an_invocation_there()
    {
        var port = LoopbackPorts.Free();
        await using var hub = await FakeEventHub.StartAsync();
        var builder = Builder([.. Settings(port), $"--EventHub:ConnectionString={hub.ConnectionString()}"]);
        builder.Services.AddFakePorts().AddSingleton<IDeadLetterStore>(new InMemoryDeadLetterStore());
        await using var app = builder.Build();
        app.MapCustomHandler();
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        using var content = new StringContent(Envelopes.Text(Envelopes.BinaryBatch), System.Text.Encoding.UTF8, "application/json");
        await Envelopes.AssertCompletedAsync(await client.PostAsync("/Touchpoints", content));
        // An HTTP function on Kestrel's own features, which the unwrapping swaps and puts back.
        using var events = new StringContent(Envelopes.Text("events.http-post.request.json"), System.Text.Encoding.UTF8, "application/json");
        var answer = await Envelopes.AssertCompletedAsync(await client.PostAsync("/Events", events));
        Assert.Equal(202, answer.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
        Assert.Equal("c-42", Assert.Single(hub.Events).PartitionKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void Without_the_port_it_refuses_to_start_and_names_the_setting()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Builder());

        Assert.Contains(HostPort.Setting, refused.Message);
    }

    [Fact]
    public void Without_the_azure_settings_it_refuses_to_start_naming_every_missing_one()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Builder(Settings(LoopbackPorts.Free()).Where(a => !AzureSettings.Contains(a)).ToArray()));

        foreach (var setting in new[] { "Cosmos__Endpoint", "Cosmos__Database", "Cosmos__Container", "Storage__QueueServiceUri", "Storage__BlobServiceUri", "TimerQueue__Name" })
            Assert.Contains(setting, refused.Message);
    }

    [Fact]
    public void With_the_azure_adapters_every_port_of_the_mode_is_served()
    {
        var builder = Builder(Settings(LoopbackPorts.Free()));

        using var app = builder.Build();

        Assert.IsType<JourneyTriggers.Azure.Cosmos.CosmosCustomerStore>(app.Services.GetRequiredService<ICustomerStore>());
        Assert.NotNull(app.Services.GetRequiredService<IDeadLetterStore>());
    }

    [Fact]
    public void Without_provider_settings_no_sender_is_registered_so_reminders_stay_in_the_blob_outbox()
    {
        using var app = Builder(Settings(LoopbackPorts.Free())).Build();

        Assert.Null(app.Services.GetService<IEmailSender>());
        Assert.Null(app.Services.GetService<IPushSender>());
    }

    [Fact]
    public void With_communication_services_and_notification_hubs_configured_their_senders_deliver()
    {
        using var app = Builder([.. Settings(LoopbackPorts.Free()), "--Email:Endpoint=https://acs-test.communication.azure.com", "--Email:Sender=DoNotReply@example.com",
            "--NotificationHubs:Namespace=jt-push-test", "--NotificationHubs:HubName=reminders", "--NotificationHubs:SasKeyName=DefaultFullSharedAccessSignature",
            "--NotificationHubs:SasKey=c2VjcmV0LWtleQ=="]).Build();

        Assert.IsType<JourneyTriggers.Azure.Email.AcsEmailSender>(app.Services.GetRequiredService<IEmailSender>());
        Assert.IsType<JourneyTriggers.Azure.Push.NotificationHubsPushSender>(app.Services.GetRequiredService<IPushSender>());
    }

    [Fact]
    public void A_malformed_email_setting_refuses_start_up_naming_it()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => Builder([.. Settings(LoopbackPorts.Free()), "--Email:Endpoint=https://acs-test.communication.azure.com"]));

        Assert.Contains("Email:Sender", refused.Message);
    }

    [Fact]
    public void Without_keys_in_app_settings_it_refuses_to_start_rather_than_write_a_key_file()
    {
        var builder = Builder([$"--{HostPort.Setting}=1", "--Unsubscribe:BaseUrl=https://x.example/api", $"--Unsubscribe:SigningKey={UnsubscribeTokens.GenerateKey()}", .. AzureSettings]);
        builder.Services.AddFakePorts().AddSingleton<IDeadLetterStore>(new InMemoryDeadLetterStore());

        var refused = Assert.Throws<StartupRefusedException>(() => builder.Build());

        Assert.Contains("Auth__IngestionKeys__0", refused.Message);
        Assert.Contains("Auth__AdminKey", refused.Message);
    }
}
