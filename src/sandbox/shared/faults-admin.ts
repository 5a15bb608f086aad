import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import type { FaultController } from './faults.js';
import { BadRequest, readParams, sendJson } from './http-io.js';

/**
 * The runtime switch for faults, for any sandbox: GET shows them, POST merges a patch
 * (a key set to null switches that fault off), DELETE switches everything off.
 */
export async function handleFaultsAdmin(
  controller: FaultController,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (req.method === 'GET') return sendJson(res, 200, controller.state());
    if (req.method === 'DELETE') {
      controller.reset();
      return sendJson(res, 200, controller.state());
    }
    if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') {
      controller.configure(await readParams(req));
      return sendJson(res, 200, controller.state());
    }
    sendJson(res, 405, { error: 'use GET, POST or DELETE' }, { Allow: 'GET, POST, DELETE' });
  } catch (err) {
    if (err instanceof ZodError)
      return sendJson(res, 400, {
        error: 'invalid fault settings',
        issues: err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
    if (err instanceof BadRequest) return sendJson(res, 400, { error: err.message });
    throw err;
  }
}
