using System.Globalization;
using BenchmarkDotNet.Running;
using JourneyTriggers.Benchmarks.Commands;

// Effects and summaries print decimals and instants; pin the culture so output is the same on every host.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    return args switch
    {
        ["generate", .. var rest] => GenerateCommand.Run(Options.Parse(rest)),
        ["digest", .. var rest] => DigestCommand.Run(Options.Parse(rest)),
        ["allocations", .. var rest] => AllocationsCommand.Run(Options.Parse(rest)),
        ["parse-only", .. var rest] => ParseOnlyCommand.Run(Options.Parse(rest)),
        ["simulate-stages", .. var rest] => SimulateStagesCommand.Run(Options.Parse(rest)),
        ["load", .. var rest] => LoadCommand.Run(Options.Parse(rest)),
        ["harness-load", .. var rest] => HarnessLoadCommand.Run(Options.Parse(rest)),
        ["ingest-stages", .. var rest] => IngestStagesCommand.Run(Options.Parse(rest)),
        ["bench", .. var rest] => Bench(rest),
        _ => throw new UsageException("Usage: generate --out FILE [--events N --customers M --days D --seed S --config-out FILE]\n" +
                                      "     | digest [--events N --customers M --days D --seed S --repeat R]\n" +
                                      "     | allocations [--events N --customers M --seed S --top K]\n" +
                                      "     | parse-only --events FILE [--utf8 true]\n" +
                                      "     | simulate-stages --events FILE --config FILE\n" +
                                      "     | load --url URL --key KEY [--connections K --batch B --duration S --warmup W --events N --customers M --seed S --rate R --admin-key A]\n" +
                                      "     | ingest-stages [--events N --customers M --seed S --batch B --window W --connections K --pump-batch P]\n" +
                                      "     | harness-load [--customers M --events N --seed S]  (JT_PUBLISHED, or it publishes)\n" +
                                      "     | bench [BenchmarkDotNet arguments, e.g. --filter '*']"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Bench(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
