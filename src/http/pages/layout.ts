import { createHash } from 'node:crypto';
import type { User } from '../../accounts/accounts.js';
import { can } from '../../domain/roles.js';
import { messages, type Language } from '../../i18n/messages.js';
import { html, SafeHtml } from './html.js';

const CSS = `
:root{--ink:#1d2430;--muted:#5b6575;--line:#d9dee7;--head:#eef2f7;--brand:#0b5cab;--late:#b42318;--ok:#1a7f37;--warn:#9a6700}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f7f9fc}
header{background:var(--brand);color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
header strong{font-size:1rem}
header nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
header a{color:#fff;text-decoration:none;opacity:.85}
header a[aria-current]{opacity:1;text-decoration:underline;text-underline-offset:.25em}
header .instance{margin-left:auto;opacity:.85;font-size:.9rem}
header form{display:inline;margin:0}
form.inline{display:inline;margin:0}.help p{margin:.25rem 0}
header .who{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:baseline;font-size:.9rem}
header .who button{background:transparent;border:1px solid #fff8;padding:.1rem .5rem;font-size:.85rem}
textarea{font:inherit;width:100%;min-height:7rem;padding:.4rem;border:1px solid var(--line);border-radius:.35rem}
.stack{display:block}.stack>*{margin:.3rem 0}
.panel{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.7rem .9rem;margin:.6rem 0}
.panel h3{margin:.1rem 0 .4rem;font-size:1rem}
.quote{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafbfd;border-left:3px solid var(--line);padding:.4rem .6rem;margin:.3rem 0}
.ok{color:var(--ok)}
/* secondary: a refusal (red outline); plain: any other second action */
button.secondary{background:#fff;color:var(--late);border-color:var(--late)}
button.plain{background:#fff;color:var(--brand);border-color:var(--brand)}
#catatan,#riwayat,#audit,#hasil,#triase{min-width:40rem}#kotak-masuk{min-width:34rem}.card b.small{font-size:1.05rem}
main{max-width:1180px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
form{display:flex;flex-wrap:wrap;gap:.5rem .8rem;align-items:end;margin:.4rem 0 .6rem}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:.35rem;background:#fff;color:var(--ink)}
button{background:var(--brand);color:#fff;border-color:var(--brand);cursor:pointer}
details{margin:.2rem 0 .6rem}
summary{cursor:pointer;color:var(--brand)}
.links{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem;margin-bottom:.8rem}
.links a{color:var(--brand)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;margin:.6rem 0 1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem}
.card b{display:block;font-size:1.5rem}
.card span{color:var(--muted);font-size:.85rem}
.scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:.5rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.45rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--head);font-size:.85rem}
thead th.n{min-width:5.5rem}
th.n,td.n{text-align:right;white-space:nowrap}
td.clock{white-space:normal;min-width:11rem;max-width:16rem}
tbody tr:nth-child(even) td,tbody tr:nth-child(even) th{background:#fafbfd}
tbody th,tfoot th{position:sticky;left:0;background:#fff;font-weight:600;min-width:11rem}
tfoot td,tfoot th{font-weight:700;background:var(--head);border-bottom:0}
tr.unassigned th{font-style:italic}
.late{color:var(--late);font-weight:700}
.muted{color:var(--muted)}
.wrap{min-width:12rem;max-width:28rem;overflow-wrap:anywhere}
form.lain select{max-width:18rem}
#rekap{min-width:44rem}#terlambat,#jatuh-tempo{min-width:46rem}#sumber{min-width:56rem}#penarikan{min-width:66rem}
code{font-size:.85em;overflow-wrap:anywhere}
td.t,.nowrap{white-space:nowrap}
th form.inline{display:block;margin:.3rem 0 0}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:1rem;font-size:.8rem;font-weight:600;white-space:nowrap;background:#e7ebf0}
.badge.done,.badge.idle{background:#dafbe1;color:var(--ok)}
.badge.failed,.badge.failing{background:#ffebe9;color:var(--late)}
.badge.interrupted,.badge.polling{background:#fff8c5;color:var(--warn)}
.notice{background:#fff8c5;border:1px solid #e9d88a;border-radius:.5rem;padding:.5rem .8rem;margin:.6rem 0}
.error{background:#ffebe9;border-color:#f5b7b1}
.notes{color:var(--muted);font-size:.85rem;margin-top:1.2rem}
.notes li{margin:.2rem 0}
#rekap{min-width:62rem}#kanal{min-width:44rem}
th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
td.topics{font-size:.85rem;min-width:12rem}
tbody th a{color:var(--brand)}
.trend{color:var(--muted);margin:-.4rem 0 1rem}
.chart{margin:.4rem 0 1rem;background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.4rem}
.chart svg{width:100%;height:auto;display:block}
.two{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1rem}
h3{font-size:.95rem;margin:.6rem 0 .2rem}
.print-head{display:none}
@media (max-width:600px){main{padding:.6rem}th,td{padding:.4rem .45rem}tbody th,tfoot th{min-width:8rem}
.cards-on-phone{overflow:visible;background:none;border:0}
.cards-on-phone table,.cards-on-phone tbody{display:block;min-width:0;width:100%}#terlambat,#jatuh-tempo,#kotak-masuk{min-width:0}
.cards-on-phone td.clock{max-width:none}
.cards-on-phone thead{display:none}
.cards-on-phone tr{display:block;background:#fff;border:1px solid var(--line);border-radius:.5rem;margin:0 0 .6rem;padding:.3rem .2rem}
.cards-on-phone td{display:block;border:0;padding:.15rem .5rem;text-align:left;white-space:normal}
.cards-on-phone td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted)}}
@page{size:A4 landscape;margin:9mm}
@media print{body{background:#fff;font-size:8.5pt}header,.controls,.downloads,details,form{display:none}
.print-head{display:block;font-size:9pt;color:var(--muted);margin-bottom:.2rem}
main{max-width:none;padding:0}h1{font-size:13pt;margin:0 0 .3rem}h2{font-size:10.5pt;margin:.6rem 0 .3rem}
.cards{grid-template-columns:repeat(6,1fr);gap:.3rem;margin:.3rem 0}.card{padding:.25rem .4rem}.card b{font-size:12pt}
.scroll{overflow:visible;border:0}#rekap,#kanal,#terlambat,#jatuh-tempo,#sumber,#penarikan{min-width:0}
th,td{padding:.12rem .3rem}thead th{font-size:7.5pt}tbody th,tfoot th{position:static;min-width:0}
td.topics{min-width:0;font-size:7pt}
.chart{border:0;padding:0;max-width:60%}.two .chart{max-width:100%}
.keep{break-inside:avoid}tr{break-inside:avoid}a{color:inherit;text-decoration:none}
.notes{font-size:7pt;margin-top:.4rem}}
`;

// A constant of this file, so it may go into the page unescaped.
const STYLE = new SafeHtml(CSS);

/** Pages allow exactly this stylesheet and no script at all: markup that slipped through could not run. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NAV = [
  ['/rekap', 'rekap'],
  ['/sync-logs', 'syncLogs'],
  ['/admin/queues', 'queues'],
] as const;

/** The signed-in user of a page, for the menu: what they may open, and the sign-out form. */
export interface PageAccount {
  user: User;
  csrf?: string;
  lang: Language;
}

function accountNav(account: PageAccount): (readonly [string, string])[] {
  const t = messages(account.lang).workspace;
  const { role } = account.user;
  const items: [string, string][] = [
    ['/kotak-masuk', t.navInbox],
    ['/aduan', t.navSearch],
  ];
  if (role === 'opd_head') items.push(['/persetujuan', t.navApprovals]);
  if (can(role, 'read_all')) items.push(['/triase', t.navTriage]);
  items.push(['/rekap', t.navRekap]);
  if (can(role, 'read_all'))
    items.push(['/sync-logs', t.navSyncLogs], ['/admin/queues', t.navQueues], ['/audit', t.navAudit]);
  return items;
}

function accountMenu(account: PageAccount, current: string): SafeHtml {
  const t = messages(account.lang).workspace;
  const other = account.lang === 'en' ? 'id' : 'en';
  const roleName = t.roles[account.user.role] ?? account.user.role;
  return html`<span class="who"><span>${account.user.displayName} · ${roleName}${account.user.opd ? ` · ${account.user.opd}` : ''}</span><a href="/bahasa?lang=${other}&amp;next=${encodeURIComponent(current)}" hreflang="${other}">${t.otherLang}</a>${
    account.csrf
      ? html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${account.csrf}"><button type="submit">${t.logout}</button></form>`
      : ''
  }</span>`;
}

export function layout(options: {
  title: string;
  instanceName: string;
  current: string;
  body: SafeHtml;
  account?: PageAccount;
  language?: Language;
}): string {
  const language = options.account?.lang ?? options.language ?? 'id';
  const labels = messages(language).nav;
  const items = options.account ? accountNav(options.account) : NAV.map(([href, key]) => [href, labels[key]] as const);
  const nav = items.map(([href, label]) =>
    href === options.current
      ? html`<a href="${href}" aria-current="page">${label}</a>`
      : html`<a href="${href}">${label}</a>`,
  );
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${options.title} · lapor-bridge</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>lapor-bridge</strong><nav>${nav}</nav><span class="instance">${options.instanceName}</span>${options.account ? accountMenu(options.account, options.current) : ''}</header>
<main>
${options.body}
</main>
</body>
</html>
`.value;
}

/** A report page (rekap, due lists, sync logs) in the layout: its view's instance, language and signed-in account. */
export function reportLayout(
  view: { instanceName: string; language: Language; account?: PageAccount | undefined },
  title: string,
  current: string,
  body: SafeHtml,
): string {
  return layout({
    title,
    instanceName: view.instanceName,
    current,
    body,
    language: view.language,
    ...(view.account ? { account: view.account } : {}),
  });
}
