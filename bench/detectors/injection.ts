// Benchmark line for the injection detector: quality on the held-out fold of the dev corpus (the detector
// with a classifier trained on the other four folds, so the numbers are not in-sample), the false-positive
// rate on benign texts, and speed on one core: MB/s and ms per KB in CPU time of this process over the
// corpus texts one by one, best of three runs after a warm-up. Prints one Markdown table row (with
// `--header`, the header first), in the columns of bench/detectors/secrets.ts.
//   npx tsx bench/detectors/injection.ts [--header]
import { evaluateHeldOut, readCorpus } from '../../src/detectors/injection/evaluate.js';
import { injectionDetector } from '../../src/detectors/injection/index.js';

const RUNS = 3;

function speed(texts: string[]): { mbps: number; msPerKB: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let best = Infinity;
  for (let run = 0; run <= RUNS; run++) {
    const before = process.cpuUsage();
    for (const t of texts) injectionDetector.detect(t);
    const used = process.cpuUsage(before);
    if (run > 0) best = Math.min(best, (used.user + used.system) / 1e6); // run 0 warms the JIT up
  }
  return { mbps: bytes / 1e6 / best, msPerKB: (best * 1000) / (bytes / 1024) };
}

const data = readCorpus();
const quality = evaluateHeldOut(data);
const texts = data.map((d) => d.text);
const corpus = speed(texts);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv.includes('--header')) {
  console.log('| detector | precision | recall | F1 | truth found | false detections | MB/s corpus | MB/s 10 MB plain code (detections) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
}
console.log(
  `| injection ${injectionDetector.version} (held-out fold; FPR on benign ${pct(quality.fpr)}; ${corpus.msPerKB.toFixed(3)} ms/KB) | ${pct(quality.precision)} | ${pct(quality.recall)} | ${pct(quality.f1)} | ${quality.tp}/${quality.positives} | ${quality.fp}/${quality.fp + quality.tn} benign | ${corpus.mbps.toFixed(2)} | n/a |`,
);
