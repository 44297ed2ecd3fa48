// The registry of content detectors, shared by the scanner, the `aispm detect` command and the gateway.

import { injectionDetector } from './injection/index.js';
import { piiDetector } from './pii/index.js';
import { secretsDetector } from './secrets/index.js';
import type { TextDetector } from './types.js';

export const TEXT_DETECTORS: Record<string, TextDetector> = {
  secrets: secretsDetector,
  pii: piiDetector,
  injection: injectionDetector,
};

export type { Detection, TextDetector } from './types.js';
