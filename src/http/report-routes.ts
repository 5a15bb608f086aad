import { Router, type RequestHandler } from 'express';
import { pageHeaders } from './page-helpers.js';
import type { ReportDeps } from './report-deps.js';
import { rekapRoutes } from './rekap-routes.js';
import { syncLogRoutes } from './sync-log-routes.js';

/**
 * /rekap, /sync-logs and their /api/ JSON. The credentials guard each route rather than
 * the router, so requests for routes mounted after these never meet this auth.
 */
export function reportRoutes(deps: ReportDeps, auth: RequestHandler): Router {
  const router = Router();
  rekapRoutes(router, deps, [auth, pageHeaders]);
  syncLogRoutes(router, deps, [auth, pageHeaders]);
  return router;
}
