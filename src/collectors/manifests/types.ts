// What every manifest parser returns: the declared project name and the dependencies it names, with the
// line each was found on. Parsers are pure functions of the text; the collector decides what is AI.

import type { Attrs } from '../../model/index.js';
import type { Ecosystem } from '../catalogue.js';

export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  /** An exact version (lockfiles, pins such as `==1.2.3`, go.mod, Maven). */
  version?: string;
  /** The requirement as written in a manifest (`^4.0.0`, `>=1.2,<2`). */
  spec?: string;
  /** Development / test only. Undefined when the file does not say. */
  dev?: boolean;
  /** Declared by the project itself rather than pulled in transitively. Undefined when unknown. */
  direct?: boolean;
  line?: number;
  /** Finds the line on demand: searching a large lockfile for every package would cost more than parsing it. */
  locate?: () => number | undefined;
}

export interface ParsedManifest {
  /** The project's own name field, when the file has one. */
  name?: string;
  deps: Dependency[];
  /** Facts about the project worth keeping on the application (includes, BOMs, catalog use). */
  notes?: Attrs;
}

export type Warn = (message: string, line?: number) => void;

export type ManifestParser = (text: string, warn: Warn, rel: string) => ParsedManifest;
