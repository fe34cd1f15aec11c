using JourneyTriggers.Functions.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace JourneyTriggers.Functions.Tests.Cli;

public sealed class ConfigurationReloadTests : IDisposable
{
    readonly string data = Directory.CreateTempSubdirectory("jt-reload-").FullName;

    [Fact]
    public void The_service_reads_its_settings_files_once_and_watches_nothing()
    {
        var builder = RealServer.CreateBuilder(data);

        var files = ((IConfigurationRoot)builder.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }

    [Fact]
    public void An_operator_who_wants_reloading_can_still_ask_for_it()
    {
        var builder = RealServer.CreateBuilder(data, "--hostBuilder:reloadConfigOnChange=true");

        var files = ((IConfigurationRoot)builder.Configuration).Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(file.Source.ReloadOnChange, file.Source.Path));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}
