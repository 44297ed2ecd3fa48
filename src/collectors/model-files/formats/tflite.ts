// TensorFlow Lite: a FlatBuffer whose file identifier `TFL3` sits at offset 4. The Model table gives the
// schema version, description, subgraphs and operator codes (custom operators need native code).

import { maskSecrets } from '../../../util/mask.js';
import { FlatTable } from '../binary/flatbuffer.js';
import { MalformedError, TruncatedError } from '../binary/source.js';
import { compact, type FormatReader } from './types.js';

// Field indexes of the Model and OperatorCode tables in schema.fbs.
const MODEL = { VERSION: 0, OPERATOR_CODES: 1, SUBGRAPHS: 2, DESCRIPTION: 3 };
const OPCODE = { DEPRECATED_BUILTIN: 0, CUSTOM_CODE: 1 };
const MAX_OPS = 500;

const maskText = (s: string | undefined) => (s === undefined ? undefined : maskSecrets(s));

export const tfliteReader: FormatReader = {
  format: 'tflite',
  extensions: ['tflite'],
  sniff: (head) => head.subarray(4, 8).toString('latin1') === 'TFL3',
  async describe(src, _head, _rel, warn) {
    try {
      const model = await FlatTable.root(src);
      const opcodes = await model.tables(MODEL.OPERATOR_CODES, MAX_OPS);
      const customOps: string[] = [];
      for (const op of opcodes) {
        const custom = await op.string(OPCODE.CUSTOM_CODE, 200);
        if (custom !== undefined && !customOps.includes(custom)) customOps.push(custom);
      }
      return {
        format: 'tflite',
        attrs: compact({
          framework: 'tensorflow-lite',
          schemaVersion: await model.uint(MODEL.VERSION, 4),
          description: maskText(await model.string(MODEL.DESCRIPTION, 200)),
          subgraphs: (await model.vector(MODEL.SUBGRAPHS))?.length ?? 0,
          operatorCodes: opcodes.length,
          customOps: customOps.length ? customOps.sort() : undefined,
        }),
      };
    } catch (e) {
      if (!(e instanceof MalformedError || e instanceof TruncatedError)) throw e;
      warn(`TFLite flatbuffer is malformed: ${e.message}`);
      return { format: 'tflite', attrs: { framework: 'tensorflow-lite', malformed: true } };
    }
  },
};
