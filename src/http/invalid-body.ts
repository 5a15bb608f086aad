import type { Request, Response } from 'express';
import type { z } from 'zod';
import { messages } from '../i18n/messages.js';
import { langOfRequest } from './auth/language.js';

/** A JSON API body the route's schema refused: 400, the catalogue's message, and each problem by its path. */
export function invalidBody(req: Request, res: Response, error: z.ZodError): void {
  res.status(400).json({
    error: messages(langOfRequest(req)).workspace.invalidBody,
    problems: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  });
}
