// `aispm detect <detector> FILE...`: runs one content detector over files (or JSON lines) and prints what it
// finds. Every value shown is masked; the JSON-lines mode is the interface benchmarks and external evaluations use.

import { createReadStream, promises as fs } from 'node:fs';
import readline from 'node:readline';
import { Argument, Option, type Command } from 'commander';
import path from 'node:path';
import { fileInput } from '../collectors/file-input.js';
import { extractText } from '../content/extract/index.js';
import { TEXT_DETECTORS, type Detection, type TextDetector } from '../detectors/index.js';
import { analyseModelFile } from '../detectors/model-files/index.js';
import { endpointsFromEnv, verifyDetections, type VerifyOptions } from '../detectors/secrets/verify.js';
import { ScanInputError } from '../scan.js';

/** Fields a detection may carry that are safe to print (never a raw value). */
function publicFields(d: Detection): Record<string, unknown> {
  const { type, start, end, score, ...rest } = d;
  const out: Record<string, unknown> = { type, start, end, score: Math.round(score * 1000) / 1000 };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && k !== 'value' && k !== 'raw') out[k] = v;
  return out;
}

async function detectJsonl(detector: TextDetector, files: string[], write: (s: string) => void, verify?: VerifyOptions): Promise<void> {
  let index = 0;
  for (const file of files) {
    if (file !== '-') await fs.access(file).catch(() => {
      throw new ScanInputError(`cannot read ${file}`);
    });
    const input = file === '-' ? process.stdin : createReadStream(file);
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of rl) {
      lineNo++;
      if (!line.trim()) continue;
      let text: string;
      try {
        const parsed = JSON.parse(line) as { text?: unknown };
        if (typeof parsed.text !== 'string') throw new Error('no "text" string field');
        text = parsed.text;
      } catch (e) {
        throw new ScanInputError(`${file}:${lineNo}: not a JSON line with a "text" field (${(e as Error).message})`);
      }
      const detections = detector.detect(text);
      const verified = verify ? await verifyDetections(text, detections, verify) : undefined;
      const out = detections.map((d) => {
        const v = verified?.get(d);
        return v ? { ...publicFields(d), verified: v.status, verifiedDetail: v.detail } : publicFields(d);
      });
      write(JSON.stringify({ index: index++, detections: out }) + '\n');
    }
  }
}

async function detectFiles(detector: TextDetector, files: string[], write: (s: string) => void, verify?: VerifyOptions): Promise<number> {
  let total = 0;
  for (const file of files) {
    const bytes = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new ScanInputError(`cannot read ${file}: ${e.code ?? e.message}`);
    });
    // PDF and DOCX are read as their extracted text (offsets and lines refer to that text)
    const { text, format } = await extractText(bytes, file).catch((e: Error) => {
      throw new ScanInputError(`${file}: ${e.message}`);
    });
    const detections = detector.detect(text, { path: format === 'text' ? file : `${file}.txt` });
    const verified = verify ? await verifyDetections(text, detections, verify) : undefined;
    for (const d of detections) {
      total++;
      const where = `${file}:${d.line ?? '?'}`;
      const v = verified?.get(d);
      const extra = [d.provider, d.severity, v && `${v.status} (${v.detail})`].filter(Boolean).join(' ');
      write(`${where}  ${d.type}  ${d.masked ?? ''}  score ${d.score.toFixed(2)}${extra ? '  ' + extra : ''}\n`);
    }
  }
  return total;
}

/** Model files are bytes, not text: each file gets a verdict and its detections (byte offsets). */
async function detectModels(files: string[], write: (s: string) => void): Promise<number> {
  let malicious = 0;
  for (const file of files) {
    const st = await fs.stat(file).catch(() => undefined);
    if (!st?.isFile()) throw new ScanInputError(`cannot read ${file}`);
    const verdict = await analyseModelFile(fileInput(path.resolve(file), file, st.size));
    if (verdict.malicious) malicious++;
    write(`${file}  ${verdict.format}  ${verdict.malicious ? 'MALICIOUS' : verdict.detections.length ? 'notes' : 'clean'}${verdict.severity ? ` (${verdict.severity})` : ''}\n`);
    for (const d of verdict.detections) {
      const callables = Array.isArray(d.callables) && d.callables.length ? `  ${d.callables.join(', ')}` : '';
      write(`  @${d.start}  ${d.type}  ${d.severity}${callables}\n`);
    }
  }
  return malicious;
}

export function registerDetectCommand(program: Command, write: (s: string) => void = (s) => void process.stdout.write(s)): void {
  program
    .command('detect')
    .description('run one content detector over files and print its detections (values masked)')
    .addArgument(new Argument('<detector>', 'which detector').choices([...Object.keys(TEXT_DETECTORS), 'model']))
    .argument('<files...>', 'files to read (`-` for standard input with --jsonl)')
    .addOption(new Option('--jsonl', 'each input line is {"text": ...}; print {"index", "detections"} per line, in order'))
    .option('--verify', "secrets only: ask each key's provider (read-only endpoint) whether it is live; off by default")
    .action(async (name: string, files: string[], o: { jsonl?: boolean; verify?: boolean }) => {
      if (o.verify && name !== 'secrets') throw new ScanInputError('--verify applies to the secrets detector only');
      const verify = o.verify ? { endpoints: endpointsFromEnv() } : undefined;
      if (name === 'model') {
        if (o.jsonl) throw new ScanInputError('the model detector reads model files, not JSON lines');
        const n = await detectModels(files, write);
        process.stderr.write(`${n} of ${files.length} file(s) malicious\n`);
        return;
      }
      const detector = TEXT_DETECTORS[name];
      if (o.jsonl) await detectJsonl(detector, files, write, verify);
      else {
        const n = await detectFiles(detector, files, write, verify);
        process.stderr.write(`${n} detection(s)\n`);
      }
    });
}
