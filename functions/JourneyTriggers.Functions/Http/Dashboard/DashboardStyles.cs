using System.Security.Cryptography;
using System.Text;
using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.Dashboard;

/// <summary>
/// The dashboard's only stylesheet, inline and allowed by its hash: the page loads nothing (no CDN, no fonts,
/// no script), and its Content-Security-Policy allows this one style block and nothing else.
/// </summary>
internal static class DashboardStyles
{
    public const string Css = PageStyles.Frame + """
        .range { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; }
        .range label { display: flex; flex-direction: column; font-size: .8rem; color: #d1d5db; }
        .range input, .range select { font: inherit; padding: .3rem .5rem; border-radius: 6px; border: 1px solid #4b5563; }
        button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 0; background: #2563eb; color: #fff; cursor: pointer; }
        main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; display: grid; gap: 1.2rem; }
        .alert { background: #fef2f2; border: 1px solid #fca5a5; color: #991b1b; border-radius: 12px; padding: .8rem 1.2rem; }
        .alert strong { display: block; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
        .tile, section { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.2rem; }
        .tile h2, section h2 { margin: 0 0 .3rem; font-size: .85rem; color: var(--muted); font-weight: 600; }
        .tile .value { font-size: 1.8rem; font-weight: 700; }
        .tile .note { font-size: .8rem; color: var(--muted); }
        .chart { width: 100%; height: auto; }
        .chart .grid { stroke: var(--line); }
        .chart .axis, .chart .count { font-size: 11px; fill: var(--muted); }
        .chart .series polyline { fill: none; stroke-width: 2; }
        .chart .bar { fill: #60a5fa; }
        .s-carts polyline { stroke: #9ca3af; } .s-carts circle { fill: #9ca3af; }
        .s-abandoned polyline { stroke: #f59e0b; } .s-abandoned circle { fill: #f59e0b; }
        .s-conversions polyline { stroke: #16a34a; } .s-conversions circle { fill: #16a34a; }
        .s-holdout polyline { stroke: #7c3aed; } .s-holdout circle { fill: #7c3aed; }
        .legend { list-style: none; display: flex; gap: 1rem; padding: 0; margin: .3rem 0 0; font-size: .8rem; }
        .legend li::before { content: "●"; margin-right: .3rem; }
        .legend .s-carts::before { color: #9ca3af; } .legend .s-abandoned::before { color: #f59e0b; }
        .legend .s-conversions::before { color: #16a34a; } .legend .s-holdout::before { color: #7c3aed; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; }
        th, td { text-align: right; padding: .25rem .5rem; border-bottom: 1px solid var(--line); }
        th:first-child, td:first-child { text-align: left; }
        .empty { color: var(--muted); text-align: center; padding: 2rem 0; }
        .signin { max-width: 28rem; margin: 4rem auto; background: #fff; border-radius: 12px; padding: 1.5rem; border: 1px solid var(--line); }
        .signin label { display: flex; flex-direction: column; gap: .3rem; margin: 1rem 0; }
        .signin input { font: inherit; padding: .4rem .6rem; border-radius: 6px; border: 1px solid #9ca3af; }
        .error { color: #991b1b; }
        footer { text-align: center; font-size: .8rem; color: var(--muted); padding-bottom: 2rem; }
        """;

    /// <summary>The CSP source that allows exactly <see cref="Css"/>: its SHA-256, as CSP Level 2 defines hash sources.</summary>
    public static readonly string Hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'";
}
