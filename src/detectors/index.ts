// The registry of content detectors, shared by the scanner, the `aispm detect` command and the gateway.

import { secretsDetector } from './secrets/index.js';
import type { TextDetector } from './types.js';

export const TEXT_DETECTORS: Record<string, TextDetector> = {
  secrets: secretsDetector,
};

export type { Detection, TextDetector } from './types.js';
