// TensorFlow SavedModel / frozen GraphDef (.pb): the graph's NodeDef `op` names are found as protobuf
// strings (field 2 of NodeDef: tag 0x12, a length, the name). Python-function ops run arbitrary Python
// when the graph executes; file-system ops read or write files wherever the graph says.

import { detection } from '../report.js';
import { fileOffset, type ScanState, type Target } from '../scan-types.js';

const OPS: Array<{ op: string; type: string; severity: 'critical' | 'high'; why: string }> = [
  ...['PyFunc', 'PyFuncStateless', 'EagerPyFunc'].map((op) => ({ op, type: 'savedmodel-python-op', severity: 'critical' as const, why: 'runs a Python function when the graph executes' })),
  ...['ReadFile', 'WriteFile', 'MatchingFiles', 'DeleteFile', 'ImmutableConst', 'FixedLengthRecordReader', 'WholeFileReader', 'WriteAudioSummary', 'PrintV2', 'SummaryWriter', 'CreateSummaryFileWriter'].map((op) => ({ op, type: 'savedmodel-file-op', severity: 'high' as const, why: 'reads or writes files chosen by the graph' })),
];
const MAX_READ = 256 * 1024 * 1024;

export async function analyseSavedModel(t: Target, st: ScanState): Promise<void> {
  const buf = await t.src.read(0, Math.min(t.src.size, MAX_READ));
  const entry = t.entry ? { entry: t.entry } : {};
  for (const { op, type, severity, why } of OPS) {
    const needle = Buffer.concat([Buffer.from([0x12, op.length]), Buffer.from(op, 'latin1')]);
    const at = buf.indexOf(needle);
    // The op name must end there: the next byte is another NodeDef field tag, not more name.
    if (at >= 0) st.detections.push(detection(type, severity, fileOffset(t, at + 2), fileOffset(t, at + 2 + op.length), [`graph uses the ${op} operation, which ${why}`], { callables: [`tf.raw_ops.${op}`], ...entry }));
  }
}
