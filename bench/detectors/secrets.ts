// Benchmark line for the secrets detector: quality on the dev corpus (precision, recall, F1) and
// throughput on one core, over the corpus and over 10 MB of generated ordinary source code that holds no
// secret. Prints one Markdown table row (with `--header`, the header first). Throughput is measured in CPU
// time of this process, so that other load on the machine does not distort it; the best of three runs is
// reported after a warm-up.
//   npx tsx bench/detectors/secrets.ts [--header]
import { Rng } from '../../src/util/rng.js';
import { plainSource, type PlainLanguage } from '../lib/code-plain.js';
import { defaultCorpusDir, evaluateSecrets } from '../../src/detectors/secrets/evaluate.js';
import { secretsDetector } from '../../src/detectors/secrets/index.js';

const CODE_BYTES = 10_000_000;
const RUNS = 3;

function ordinaryCode(): string[] {
  const rng = new Rng('bench-detectors-secrets');
  const languages: PlainLanguage[] = ['python', 'typescript', 'javascript', 'go', 'java'];
  const files: string[] = [];
  for (let i = 0, size = 0; size < CODE_BYTES; i++) {
    const text = plainSource(rng.fork(`file-${i}`), languages[i % languages.length], 50_000, `pkg${i}`).toString();
    files.push(text);
    size += Buffer.byteLength(text);
  }
  return files;
}

/** Best MB/s of a few runs, in CPU seconds of this process. */
function throughput(files: string[]): { mbps: number; detections: number } {
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  let best = 0;
  let detections = 0;
  for (let run = 0; run <= RUNS; run++) {
    const before = process.cpuUsage();
    detections = 0;
    for (const f of files) detections += secretsDetector.detect(f).length;
    const used = process.cpuUsage(before);
    const mbps = bytes / 1e6 / ((used.user + used.system) / 1e6);
    if (run > 0) best = Math.max(best, mbps); // run 0 warms the JIT up
  }
  return { mbps: best, detections };
}

function corpusFiles(): string[] {
  // Reuse the evaluation's reading of the corpus: every file under positives/ and negatives/.
  const texts: string[] = [];
  evaluateSecrets(defaultCorpusDir(), {
    ...secretsDetector,
    detect: (text) => {
      texts.push(text);
      return [];
    },
  });
  return texts;
}

const quality = evaluateSecrets();
const corpus = throughput(corpusFiles());
const code = throughput(ordinaryCode());
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv.includes('--header')) {
  console.log('| detector | precision | recall | F1 | truth found | false detections | MB/s corpus | MB/s 10 MB plain code (detections) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
}
console.log(
  `| secrets ${secretsDetector.version} | ${pct(quality.precision)} | ${pct(quality.recall)} | ${pct(quality.f1)} | ${quality.found}/${quality.truth} | ${quality.falseDetections.length}/${quality.detections} | ${corpus.mbps.toFixed(1)} | ${code.mbps.toFixed(1)} (${code.detections}) |`,
);
