using JourneyTriggers.Functions.Http.Pages;

namespace JourneyTriggers.Functions.Http.DevInbox;

/// <summary>
/// The page's only stylesheet, inline: the inbox loads nothing from anywhere (no CDN, no fonts), which
/// is what lets its Content-Security-Policy forbid every source but inline style.
/// </summary>
internal static class InboxStyles
{
    public const string Css = PageStyles.Frame + """
        .filter { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; }
        .filter label { display: flex; flex-direction: column; font-size: .8rem; color: #d1d5db; }
        .filter input { font: inherit; padding: .3rem .5rem; border-radius: 6px; border: 1px solid #4b5563; min-width: 14rem; }
        .filter input[type=number] { min-width: 5rem; width: 5rem; }
        button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 0; background: #2563eb; color: #fff; cursor: pointer; }
        main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; display: grid; gap: 1.2rem; }
        .empty { color: var(--muted); text-align: center; padding: 3rem 0; }
        .msg { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.2rem; box-shadow: 0 1px 2px rgb(0 0 0 / .05); }
        .msg-head { display: flex; gap: .6rem; align-items: center; font-size: .85rem; color: var(--muted); }
        .msg-head time { margin-left: auto; }
        .chan { font-weight: 600; color: var(--ink); }
        .badge { border-radius: 999px; padding: 0 .6rem; font-size: .75rem; font-weight: 600; border: 1px solid; }
        .s-delivered { color: #166534; background: #dcfce7; }
        .s-pending, .s-sending { color: #854d0e; background: #fef9c3; }
        .s-failed { color: #991b1b; background: #fee2e2; }
        .s-unknown { color: #374151; background: #e5e7eb; }
        .subject { margin: .4rem 0; font-size: 1.15rem; }
        .meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0 .8rem; font-size: .88rem; }
        .meta dt { color: var(--muted); }
        .meta dd { margin: 0; overflow-wrap: anywhere; }
        .mail { display: block; width: 100%; height: 34rem; border: 1px solid var(--line); border-radius: 8px; background: #fff; resize: vertical; overflow: auto; }
        details { margin-top: .6rem; font-size: .88rem; }
        summary { cursor: pointer; color: #2563eb; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; border: 1px solid var(--line); border-radius: 6px; padding: .6rem; }
        table { border-collapse: collapse; width: 100%; }
        td { border-top: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; overflow-wrap: anywhere; }
        td:first-child { white-space: nowrap; color: var(--muted); }
        code { font-size: .85em; overflow-wrap: anywhere; }
        .phone { width: 22rem; max-width: 100%; margin: .6rem 0; padding: 1.4rem .8rem 1.6rem; border-radius: 2rem;
                 background: linear-gradient(160deg, #312e81, #0f766e); color: #fff; }
        .clock { text-align: center; font-size: 2.6rem; font-weight: 300; margin-bottom: 1rem; }
        .notif { background: rgb(255 255 255 / .82); color: #111; border-radius: 1rem; padding: .6rem .8rem; }
        .notif-top { display: flex; align-items: center; gap: .4rem; font-size: .75rem; color: #4b5563; text-transform: uppercase; }
        .notif-top span:last-child { margin-left: auto; text-transform: none; }
        .icon { width: 1.3rem; height: 1.3rem; border-radius: .35rem; background: #f97316; color: #fff; display: grid; place-items: center; font-weight: 700; font-size: .7rem; }
        .notif-title { font-weight: 600; margin-top: .2rem; }
        .notif-body { font-size: .9rem; }
        .signin { max-width: 30rem; margin: 4rem auto; background: #fff; border-radius: 12px; padding: 1.5rem; border: 1px solid var(--line); }
        .signin input { font: inherit; width: 100%; padding: .4rem .6rem; margin: .3rem 0 .8rem; border: 1px solid #9ca3af; border-radius: 6px; }
        .error { color: #991b1b; }
        """;
}
