// One configuration of the XML parser for Maven and NuGet files: values stay strings (`1.10` must not
// become 1.1), entities are not expanded, and the elements that repeat are always arrays.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Warn } from '../types.js';

const REPEATED = new Set(['dependency', 'PackageReference', 'PackageVersion', 'package', 'ItemGroup', 'exclusion', 'profile', 'plugin']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

export function parseXml(text: string, warn: Warn, what: string): Record<string, unknown> | undefined {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    warn(`malformed ${what}: ${valid.err.msg}`, valid.err.line);
    return undefined;
  }
  return parser.parse(text) as Record<string, unknown>;
}

/** An element's text whether the parser gave a string or an object with `#text`. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (v && typeof v === 'object' && '#text' in v) return String((v as Record<string, unknown>)['#text']).trim() || undefined;
  return undefined;
}
