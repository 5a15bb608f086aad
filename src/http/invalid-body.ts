import type { Request, Response } from 'express';
import type { z } from 'zod';
import { messages } from '../i18n/messages.js';
import { zodErrors } from '../i18n/zod-errors.js';
import { langOfRequest } from './auth/language.js';

/** A JSON API body the route's schema refused: 400, the catalogue's message, and each problem by its path. */
export function invalidBody(req: Request, res: Response, error: z.ZodError): void {
  res.status(400).json({
    error: messages(langOfRequest(req)).workspace.invalidBody,
    code: 'invalid_body',
    problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}

/**
 * The body as the route's schema takes it, or undefined once the refusal is answered
 * (invalidBody); zod's own words for each problem are in the request's language.
 */
export function bodyOf<T>(schema: z.ZodType<T>, req: Request, res: Response, body: unknown = req.body): T | undefined {
  const parsed = schema.safeParse(body, { error: zodErrors(langOfRequest(req)) });
  if (parsed.success) return parsed.data;
  invalidBody(req, res, parsed.error);
  return undefined;
}
