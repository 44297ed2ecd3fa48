// The check.yaml format, validated with zod so that a bad file fails with its name and the offending key.

import { z } from 'zod';
import { ASSET_KINDS, FRAMEWORKS, SEVERITIES } from '../model/index.js';

export const CHECK_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
const LONG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const frameworkShape = Object.fromEntries(FRAMEWORKS.map((f) => [f, z.array(z.string().min(1)).min(1).optional()])) as Record<
  (typeof FRAMEWORKS)[number],
  z.ZodOptional<z.ZodArray<z.ZodString>>
>;

export const CheckFileSchema = z
  .object({
    id: z.string().regex(CHECK_ID, 'must look like AISPM-AGT-001 (upper case, dash-separated)'),
    longId: z.string().regex(LONG_ID, 'must be lower-case words joined by dashes'),
    title: z.string().min(1),
    severity: z.enum(SEVERITIES),
    kinds: z.array(z.enum(ASSET_KINDS)).min(1),
    condition: z.string().min(1),
    message: z.string().min(1),
    remediation: z.string().min(1),
    references: z.array(z.string().url()).default([]),
    frameworks: z.object(frameworkShape).strict().default({}),
    maturity: z.enum(['experimental', 'stable', 'deprecated']),
    /** Named CEL expressions evaluated for failing assets only, usable in the message as `{{vars.name}}`. */
    vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1)).optional(),
  })
  .strict();

export type CheckFile = z.infer<typeof CheckFileSchema>;

/** The fixture and expected-results formats of a check folder. */
export const ExpectedSchema = z
  .object({
    fail: z.array(z.string().min(1)).min(1, 'a check needs at least one asset that must fail'),
    pass: z.array(z.string().min(1)).min(1, 'a check needs at least one asset that must pass'),
  })
  .strict();
export type Expected = z.infer<typeof ExpectedSchema>;
