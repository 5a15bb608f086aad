import { rekapSettings } from '../rekap/settings.js';
import type { Runtime } from './runtime.js';
import { Workspace } from '../workspace/workspace.js';
import { accountSettings } from '../accounts/settings.js';
import type { LoginDeps } from '../http/auth/login-routes.js';
import type { WorkspaceDeps } from '../http/workspace-routes.js';

/** Newest complaints a view of every OPD reads (inbox, text search); an OPD's views read its whole per-OPD index. */
export const WORKSPACE_SCAN_LIMIT = 5000;

/** The login and the workspace, wired from the runtime. */
export function accountDeps(
  runtime: Pick<
    Runtime,
    'config' | 'logger' | 'store' | 'clock' | 'accounts' | 'push' | 'scope' | 'queues' | 'routing' | 'opd'
  >,
): { auth: LoginDeps; workspace: WorkspaceDeps } {
  const { config } = runtime;
  const rekap = rekapSettings(config);
  return {
    auth: {
      accounts: runtime.accounts,
      secureCookies: config.accounts.secureCookies,
      instanceName: config.instance.name,
      sessionTtlMs: accountSettings(config).sessionTtlMs,
    },
    workspace: {
      workspace: new Workspace({
        store: runtime.store,
        push: runtime.push,
        scope: runtime.scope,
        clock: runtime.clock,
        rekap,
        sources: Object.keys(config.sources),
        scanLimit: WORKSPACE_SCAN_LIMIT,
      }),
      store: runtime.store,
      queues: runtime.queues,
      routing: runtime.routing,
      units: runtime.opd,
      instanceName: config.instance.name,
      timeZone: config.instance.timezone,
      logger: runtime.logger.child({ component: 'workspace' }),
    },
  };
}
