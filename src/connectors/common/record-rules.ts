import { z } from 'zod';
import { DEFAULT_MAX_TEXT_LENGTH } from './text-check.js';
import { OFFSET_PATTERN } from './timestamp.js';
import { said } from '../../i18n/schema-text.js';

/** How raw values are read, shared by every configurable connector. */
export const recordRulesSchema = z
  .strictObject({
    /** Offset for timestamps written without one. WIB +07:00, WITA +08:00, WIT +09:00. */
    defaultOffset: z
      .string()
      .regex(
        OFFSET_PATTERN,
        said((t) => t.offset),
      )
      .default('+07:00'),
    /** "03/04/2024" is 3 April (Indonesian habit) unless set to false. */
    dayFirst: z.boolean().default(true),
    /** Longer texts are refused (kept raw in quarantine). */
    maxTextLength: z.number().int().min(100).max(1_000_000).default(DEFAULT_MAX_TEXT_LENGTH),
  })
  .prefault({});
export type RecordRules = z.infer<typeof recordRulesSchema>;
