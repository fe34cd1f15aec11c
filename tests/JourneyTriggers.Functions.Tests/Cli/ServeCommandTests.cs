using JourneyTriggers.Functions.Cli;
using JourneyTriggers.Functions.Hosting;
using Microsoft.AspNetCore.Builder;

namespace JourneyTriggers.Functions.Tests.Cli;

/// <summary><c>serve</c> on the command line: what reaches the host, and what stops before anything listens.</summary>
public class ServeCommandTests
{
    static async Task<(int Exit, string Stderr, ServeOptions? Served)> Run(params string[] args)
    {
        ServeOptions? served = null;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, options =>
        {
            served = options;
            return Task.FromResult(ExitCodes.Ok);
        });
        return (exit, stderr.ToString(), served);
    }

    [Fact]
    public async Task No_command_serves_the_bundled_configuration_from_the_data_directory_here()
    {
        var (exit, stderr, served) = await Run();

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal(ServeOptions.BundledConfigPath, served!.ConfigPath);
        Assert.Equal(Path.GetFullPath("data"), served.DataDirectory);
        Assert.Contains($"--Standalone:DataDirectory={Path.GetFullPath("data")}", served.HostArguments);
        Assert.Equal(3, served.Configuration.Triggers.Count);
    }

    [Fact]
    public async Task Options_reach_the_host_and_settings_pass_through()
    {
        var (exit, _, served) = await Run("serve", "--data", "some/dir", "--urls=http://127.0.0.1:9000", "--Auth:AdminKey=abc", "--config", ServeOptions.BundledConfigPath);

        Assert.Equal(0, exit);
        Assert.Equal(Path.GetFullPath("some/dir"), served!.DataDirectory);
        Assert.Equal([ServeArguments.NoConfigurationReload, $"--Standalone:DataDirectory={Path.GetFullPath("some/dir")}", "--urls=http://127.0.0.1:9000", "--Auth:AdminKey=abc"], served.HostArguments);
    }

    [Fact]
    public async Task Templates_that_do_not_fit_the_configuration_exit_2_with_every_problem_and_no_stack_trace()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["--config", ServeOptions.BundledConfigPath], stdout, stderr, options =>
        {
            // What the host's start-up throws for a template the configuration names that no locale has.
            var templates = new JourneyTriggers.Application.Messages.ReminderTemplates();
            templates.Validate(["cart-remindr-1"]);
            return Task.FromResult(ExitCodes.Ok);
        });

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "JourneyTriggers cannot start: 1 template problem(s):",
                "  cart-remindr-1: the trigger configuration uses this template, but no locale has it",
                $"Fix the templates the configuration names ({ServeOptions.BundledConfigPath}) or the overrides (Messages:TemplateOverridesDirectory), then start again.",
            ], stderr.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task An_invalid_configuration_exits_2_with_every_reason_and_never_serves()
    {
        var config = Path.GetTempFileName();
        await File.WriteAllTextAsync(config, """{ "defaults": { "timeZone": "Mars/Olympus" }, "triggers": [] }""");

        var (exit, stderr, served) = await Run("--config", config);

        Assert.Equal(2, exit);
        Assert.Null(served);
        Assert.Contains("defaults.timeZone", stderr);
        Assert.Contains("triggers", stderr);
        Assert.Equal(2, stderr.Trim().Split('\n').Length);
    }

    [Theory]
    [InlineData("serve --config", "--config: needs a value")]
    [InlineData("serve --config /no/such/file.json", "no such file")]
    [InlineData("serve --verbose", "--verbose: unknown option")]
    [InlineData("serve extra", "extra: unknown option")]
    [InlineData("frobnicate", "Unknown command \"frobnicate\"")]
    public async Task Bad_arguments_exit_2_and_say_why(string line, string problem)
    {
        var (exit, stderr, served) = await Run(line.Split(' '));

        Assert.Equal(2, exit);
        Assert.Null(served);
        Assert.Contains(problem, stderr);
    }

    [Fact]
    public async Task The_service_listens_on_7071_unless_told_otherwise()
    {
        var (_, _, served) = await Run();
        var builder = WebApplication.CreateBuilder(served!.HostArguments);
        builder.AddJourneyTriggers(served);

        var (_, _, told) = await Run("--urls", "http://127.0.0.1:9001");
        var toldBuilder = WebApplication.CreateBuilder(told!.HostArguments);
        toldBuilder.AddJourneyTriggers(told);

        Assert.Equal("http://localhost:7071", builder.Configuration["urls"]);
        Assert.Equal("http://127.0.0.1:9001", toldBuilder.Configuration["urls"]);
    }
}
