// HDF5 (signature \x89HDF\r\n\x1a\n at 0 or after a 512·2^n user block). Legacy Keras .h5 files keep the
// model config as a JSON string attribute `model_config` on the root group, usually within the first KiB.

import type { Attrs } from '../../../model/index.js';
import { findAscii, type ByteSource } from '../binary/source.js';
import { summariseKerasConfig } from './keras-config.js';
import { compact, type FormatReader } from './types.js';
import { jsonObjectTextAt } from '../../../util/json-scan.js';

const SIGNATURE = Buffer.from('\x89HDF\r\n\x1a\n', 'latin1');
const OFFSETS = [0, 512, 1024, 2048, 4096, 8192, 16384, 32768];
const SCAN_BYTES = 1024 * 1024;

export function hdf5Offset(head: Buffer): number {
  return OFFSETS.find((o) => head.subarray(o, o + 8).equals(SIGNATURE)) ?? -1;
}

/** The JSON object that starts at `start`, parsed. */
function jsonObjectAt(buf: Buffer, start: number): unknown {
  const text = jsonObjectTextAt(buf, start);
  return text === undefined ? undefined : JSON.parse(text);
}

async function describeHdf5(src: ByteSource, head: Buffer, _rel: string, warn: (m: string) => void) {
  const scan = await src.read(0, SCAN_BYTES);
  const attrs: Attrs = { superblockVersion: head[hdf5Offset(head) + 8] };
  const at = findAscii(scan, 'model_config');
  if (at >= 0 || findAscii(scan, 'keras_version') >= 0) {
    attrs.framework = 'keras';
    attrs.kerasModelConfig = at >= 0;
    const json = at >= 0 ? findAscii(scan, '{"class_name"', at) : -1;
    if (json >= 0) {
      try {
        Object.assign(attrs, summariseKerasConfig(jsonObjectAt(scan, json) as never));
      } catch (e) {
        warn(`Keras model_config attribute is not valid JSON: ${(e as Error).message}`);
      }
    }
  }
  return { format: 'hdf5', attrs: compact(attrs) };
}

export const hdf5Reader: FormatReader = {
  format: 'hdf5',
  extensions: ['h5', 'hdf5'],
  sniff: (head) => hdf5Offset(head) >= 0,
  describe: describeHdf5,
};
