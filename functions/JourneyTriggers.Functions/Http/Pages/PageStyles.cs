namespace JourneyTriggers.Functions.Http.Pages;

/// <summary>
/// The look every admin page shares (colours, type, the top bar and its language switch), so the dev inbox and
/// the dashboard read as one product. Each page appends its own rules and inlines the result.
/// </summary>
internal static class PageStyles
{
    public const string Frame = """
        :root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f3f4f6; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, "Noto Sans Thai", Tahoma, sans-serif; color: var(--ink); background: var(--bg); }
        .top { background: #111827; color: #f9fafb; padding: 1rem 1.5rem; }
        .top h1 { margin: 0; font-size: 1.3rem; }
        .top p { margin: .2rem 0 .8rem; color: #d1d5db; font-size: .9rem; }
        .top a { color: #93c5fd; }
        .lang { float: right; font-size: .9rem; }

        """;
}
