// The one interface of the content detectors: pure functions over text (or bytes, for model files) that
// return typed detections with locations and confidence. Shared by the scanner and the runtime gateway.

export interface Detection {
  /** What was found, e.g. `openai-api-key`, `EMAIL`, `instruction-override`, `pickle-dangerous-global`. */
  type: string;
  /** Character offsets into the input text (byte offsets for binary inputs); end is exclusive. */
  start: number;
  end: number;
  /** Confidence 0..1. */
  score: number;
  /** 1-based line of `start`, when the input is text. */
  line?: number;
  /** A masked rendering of the match: never the raw secret or personal value. */
  masked?: string;
  /** Why it fired (signals, rule ids), for explanations. */
  reasons?: string[];
  /** Detector-specific facts (provider, severity, column, technique, ...). */
  [extra: string]: unknown;
}

export interface TextDetector {
  id: string;
  version: string;
  /** `types`: report only these kinds (detectors that can skip work for it do). */
  detect(text: string, opts?: { path?: string; types?: readonly string[] }): Detection[];
}

/** 1-based line numbers for offsets, computed once per text. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
