using System.Collections.Concurrent;
using JourneyTriggers.Application.Messages.Liquid;

namespace JourneyTriggers.Application.Messages;

/// <summary>
/// The template set: the files shipped inside this assembly, with any file of the same relative path
/// in the operators' overrides directory winning (and new files there adding templates or locales).
/// Sources are read once at construction; each file is parsed on first use and the result, a parsed
/// template or its error, is kept for the life of the process. <see cref="Validate"/> parses them all.
/// </summary>
public sealed class ReminderTemplates
{
    /// <summary>Manifest names of the shipped files: this prefix, then the path under Templates/.</summary>
    internal const string ResourcePrefix = "JourneyTriggers.Templates/";

    readonly IReadOnlyDictionary<string, (string Display, string Source)> files;
    readonly ConcurrentDictionary<string, Lazy<LiquidTemplate>> parsed = new(StringComparer.Ordinal);

    public ReminderTemplates(string? overridesDirectory = null)
    {
        var all = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (path, source) in Embedded()) all[path] = ("embedded:" + path, source);
        if (overridesDirectory is not null)
        {
            if (!Directory.Exists(overridesDirectory))
                throw new TemplateValidationException([new TemplateProblem(overridesDirectory, null, null, "no such directory (Messages:TemplateOverridesDirectory)")]);
            foreach (var file in Directory.EnumerateFiles(overridesDirectory, "*.liquid", SearchOption.AllDirectories))
                all[Path.GetRelativePath(overridesDirectory, file).Replace('\\', '/')] = (Path.GetFullPath(file), File.ReadAllText(file));
        }
        files = all;
        Locales = [.. all.Keys.Select(p => p.Split('/')[0]).Where(d => !TemplateParts.IsShared(d)).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every relative path in the set.</summary>
    public IReadOnlyList<string> Paths => [.. files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Locales that have at least one file.</summary>
    public IReadOnlyList<string> Locales { get; }

    /// <summary>Template names (directories under a locale) across all locales.</summary>
    public IReadOnlyList<string> TemplateNames =>
        [.. files.Keys.Select(p => p.Split('/')).Where(s => s.Length == 3 && !TemplateParts.IsShared(s[0]) && !TemplateParts.IsShared(s[1]))
            .Select(s => s[1]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Locales that have the template's subject, so fallback never picks a locale without it.</summary>
    public IReadOnlyList<string> LocalesOf(string template) =>
        [.. Locales.Where(l => files.ContainsKey(TemplateParts.Of(l, template, TemplateParts.Subject)))];

    /// <summary>Where the file at a path comes from: the override's full path, or "embedded:" and the path.</summary>
    public string DisplayName(string path) => files.TryGetValue(path, out var f) ? f.Display : path;

    /// <summary>The names among <paramref name="templates"/> that no locale has, once each.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> templates) => [.. templates.Distinct().Where(t => LocalesOf(t).Count == 0)];

    /// <summary>
    /// Parses every file, checks every render target exists and every template directory is complete,
    /// and that each name in <paramref name="requiredTemplates"/> (those the configuration uses) exists
    /// in some locale. Throws <see cref="TemplateValidationException"/> listing all problems.
    /// </summary>
    public void Validate(IEnumerable<string>? requiredTemplates = null)
    {
        var problems = new List<TemplateProblem>();
        foreach (var path in files.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                foreach (var partial in Get(path)!.Partials.Where(p => !files.ContainsKey(p)))
                    problems.Add(new TemplateProblem(DisplayName(path), null, null, $"renders '{partial}', which does not exist"));
            }
            catch (LiquidException e)
            {
                problems.Add(new TemplateProblem(e.File, e.Line, e.Column, e.Problem));
            }
        }
        if (!files.ContainsKey(TemplateParts.Layout)) problems.Add(new TemplateProblem(TemplateParts.Layout, null, null, "missing"));
        foreach (var locale in Locales)
        {
            foreach (var footer in new[] { TemplateParts.FooterHtml, TemplateParts.FooterText }.Where(f => !files.ContainsKey(TemplateParts.FooterOf(locale, f))))
                problems.Add(new TemplateProblem(TemplateParts.FooterOf(locale, footer), null, null, "missing"));
            foreach (var template in TemplateNames.Where(t => Has(locale, t)))
            foreach (var part in TemplateParts.Required.Where(p => !files.ContainsKey(TemplateParts.Of(locale, template, p))))
                problems.Add(new TemplateProblem(TemplateParts.Of(locale, template, part), null, null, "missing: every template needs all of " + string.Join(", ", TemplateParts.Required)));
        }
        foreach (var template in Missing(requiredTemplates ?? []))
            problems.Add(new TemplateProblem(template, null, null, "the trigger configuration uses this template, but no locale has it"));
        if (problems.Count > 0) throw new TemplateValidationException(problems);
    }

    /// <summary>The parsed file at a path, or null when there is none; throws <see cref="LiquidException"/> if it does not parse.</summary>
    internal LiquidTemplate? Get(string path)
    {
        if (!files.TryGetValue(path, out var file)) return null;
        return parsed.GetOrAdd(path, _ => new Lazy<LiquidTemplate>(() => LiquidParser.Parse(file.Source, file.Display))).Value;
    }

    bool Has(string locale, string template) => files.Keys.Any(p => p.StartsWith($"{locale}/{template}/", StringComparison.Ordinal));

    static IEnumerable<(string Path, string Source)> Embedded()
    {
        var assembly = typeof(ReminderTemplates).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[ResourcePrefix.Length..].Replace('\\', '/'), reader.ReadToEnd());
        }
    }
}
