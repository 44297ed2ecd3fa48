// The frame every aispm HTML document shares (scan report, compliance report): one self-contained page,
// inline CSS with light and dark themes, and a Content-Security-Policy that forbids every external request,
// so the file can be mailed around and opened anywhere without fetching or running anything foreign.

import type { ControlStatus, Severity } from '../model/index.js';
import { html } from './escape.js';

/** No network at all: only the page's own inline style and script may run, images only as data: URIs. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root{color-scheme:light dark;--bg:#f8fafc;--fg:#0f172a;--muted:#475569;--card:#ffffff;--border:#cbd5e1;--accent:#2563eb;
--critical:#b91c1c;--high:#c2410c;--medium:#a16207;--low:#1d4ed8;--info:#475569;--pass:#15803d;--fail:#b91c1c;--na:#64748b;
--critical-bg:#fee2e2;--high-bg:#ffedd5;--medium-bg:#fef9c3;--low-bg:#dbeafe;--info-bg:#e2e8f0;--pass-bg:#dcfce7;--fail-bg:#fee2e2;--na-bg:#e2e8f0}
@media (prefers-color-scheme:dark){:root{--bg:#0b1120;--fg:#e2e8f0;--muted:#94a3b8;--card:#111827;--border:#334155;--accent:#60a5fa;
--critical:#fca5a5;--high:#fdba74;--medium:#fde047;--low:#93c5fd;--info:#cbd5e1;--pass:#86efac;--fail:#fca5a5;--na:#94a3b8;
--critical-bg:#450a0a;--high-bg:#431407;--medium-bg:#422006;--low-bg:#172554;--info-bg:#1e293b;--pass-bg:#052e16;--fail-bg:#450a0a;--na-bg:#1e293b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:32px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--border)}
h3{font-size:1.05rem;margin:20px 0 8px}
a{color:var(--accent)}
nav{margin:12px 0;display:flex;flex-wrap:wrap;gap:12px}
.meta,.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:12px 14px}
.card .n{font-size:1.8rem;font-weight:700;line-height:1.2}
.card .l{color:var(--muted);font-size:.85rem}
.badge{display:inline-block;padding:0 8px;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap;border:1px solid transparent}
.sev-critical{color:var(--critical);background:var(--critical-bg)}
.sev-high{color:var(--high);background:var(--high-bg)}
.sev-medium{color:var(--medium);background:var(--medium-bg)}
.sev-low{color:var(--low);background:var(--low-bg)}
.sev-info{color:var(--info);background:var(--info-bg)}
.st-pass{color:var(--pass);background:var(--pass-bg)}
.st-fail{color:var(--fail);background:var(--fail-bg)}
.st-not-evaluated{color:var(--na);background:var(--na-bg)}
.supp{color:var(--muted);border-color:var(--border)}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--border);border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--border);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
td.num,th.num{text-align:right}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
pre{background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:8px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
details{background:var(--card);border:1px solid var(--border);border-radius:8px;margin:6px 0;padding:0 12px}
details>summary{cursor:pointer;padding:8px 0;list-style-position:outside}
details[open]>summary{border-bottom:1px solid var(--border);margin-bottom:8px}
.finding-body{padding-bottom:10px}
.finding-body dt{font-weight:600;margin-top:6px}
.finding-body dd{margin:0 0 0 0}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;border:1px solid var(--border);margin:8px 0}
.bar span{display:block}
.bar .sev-critical{background:var(--critical)}.bar .sev-high{background:var(--high)}.bar .sev-medium{background:var(--medium)}.bar .sev-low{background:var(--low)}.bar .sev-info{background:var(--info)}
.kinds{columns:3 220px;padding-left:18px}
figure{margin:10px 0;background:var(--card);border:1px solid var(--border);border-radius:8px;padding:10px}
figcaption{color:var(--muted);font-size:.9rem;margin-bottom:6px}
svg.path{width:100%;height:auto;display:block}
svg.path .box{fill:var(--bg);stroke:var(--border);stroke-width:1.5}
svg.path .entry .box{stroke:var(--critical);stroke-width:2.5}
svg.path .target .box{fill:var(--critical-bg);stroke:var(--critical);stroke-width:2.5}
svg.path .hit .box{stroke:var(--high);stroke-width:2.5}
svg.path .name{fill:var(--fg);font:600 13px system-ui,sans-serif}
svg.path .kind,svg.path .via{fill:var(--muted);font:11px system-ui,sans-serif}
svg.path .badge-text{fill:var(--high);font:600 11px system-ui,sans-serif}
svg.path .arrow{stroke:var(--muted);stroke-width:1.6;fill:none}
svg.path .head{fill:var(--muted)}
#filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
#filters input[type=search]{padding:4px 8px;border:1px solid var(--border);border-radius:6px;background:var(--card);color:var(--fg);min-width:240px}
.hidden{display:none}
footer{padding:24px 20px 40px;color:var(--muted);font-size:.85rem}
@media print{nav,#filters{display:none}details{break-inside:avoid}details:not([open])>*:not(summary){display:block}}
`;

export interface PageParts {
  title: string;
  header: string;
  body: string;
  script?: string;
  footer?: string;
}

export function page(p: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="aispm">
<title>${html(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>${p.header}</header>
<main>
${p.body}
</main>
<footer>${p.footer ?? ''}</footer>
${p.script ? `<script>${p.script}</script>\n` : ''}</body>
</html>
`;
}

export function severityBadge(s: Severity): string {
  return `<span class="badge sev-${s}">${s}</span>`;
}

const STATUS_TEXT: Record<ControlStatus, string> = { pass: 'pass', fail: 'fail', 'not-evaluated': 'not evaluated' };
export function statusBadge(s: ControlStatus): string {
  return `<span class="badge st-${s}">${STATUS_TEXT[s]}</span>`;
}

/** A link only for http(s) URLs; anything else is shown as text. */
export function link(url: string, text?: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${html(url)}" rel="noreferrer noopener">${html(text ?? url)}</a>` : html(text ?? url);
}
