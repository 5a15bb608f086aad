import type { Language as Lang } from '../../i18n/messages.js';
import { messages } from '../../i18n/messages.js';
import { html } from './html.js';
import { layout } from './layout.js';

export function loginPage(view: {
  instanceName: string;
  lang: Lang;
  csrf: string;
  next: string;
  username?: string;
  error?: string;
}): string {
  const t = messages(view.lang).workspace;
  const other = view.lang === 'en' ? 'id' : 'en';
  const body = html`<h1>${t.loginTitle}</h1>
    ${view.error ? html`<p class="notice error" role="alert">${view.error}</p>` : ''}
    <form method="post" action="/login" class="panel" style="max-width:22rem;flex-direction:column;align-items:stretch">
      <input type="hidden" name="_csrf" value="${view.csrf}" />
      <input type="hidden" name="next" value="${view.next}" />
      <label
        >${t.username}<input
          name="username"
          autocomplete="username"
          autocapitalize="none"
          required
          value="${view.username ?? ''}"
      /></label>
      <label>${t.password}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">${t.loginButton}</button>
    </form>
    <p>
      <a href="/bahasa?lang=${other}&amp;next=${encodeURIComponent('/login?next=' + view.next)}" hreflang="${other}"
        >${t.otherLang}</a
      >
    </p>`;
  return layout({ title: t.loginTitle, instanceName: view.instanceName, current: '/login', body }).replace(
    /<nav>.*?<\/nav>/s,
    '<nav></nav>',
  );
}
