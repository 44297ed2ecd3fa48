// Benchmark line for the unsafe model-file detector: quality on the dev corpus (every malicious file
// flagged, no high-severity result on a benign one) and speed on a generated corpus shaped like the one
// picklescan and ModelScan need about 2.5-2.8 s for (8 x 64 MB PyTorch zips, 300 small pickles, 20 NumPy
// files, ~571 MB), plus the start-up time (module import and first analysis). Wall time, files analysed
// one after another; the best of three runs after a warm-up.
//   npx tsx bench/detectors/model-files.ts [--header]
import path from 'node:path';
import { ensureModelCorpus } from './lib-model-corpus.js';

const RUNS = 3;

const t0 = process.hrtime.bigint();
const { analyseModelFile, MODEL_FILES_DETECTOR_VERSION } = await import('../../src/detectors/model-files/index.js');
const { analysePath, evaluateModelFiles } = await import('../../src/detectors/model-files/evaluate.js');
const { callPickle, memoryModelInput } = await import('../../src/detectors/model-files/fixtures.js');
await analyseModelFile(memoryModelInput('warm.pkl', callPickle('os', 'system', 'true')));
const startup = Number(process.hrtime.bigint() - t0) / 1e9;

const quality = await evaluateModelFiles();
const { dir, files } = ensureModelCorpus();
const bytes = files.reduce((n, f) => n + f.size, 0);

let best = Infinity;
let flagged = 0;
for (let run = 0; run <= RUNS; run++) {
  const start = process.hrtime.bigint();
  flagged = 0;
  for (const f of files) if ((await analysePath(path.join(dir, f.rel), f.rel)).malicious) flagged++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run > 0) best = Math.min(best, seconds); // run 0 warms the JIT and the page cache
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
if (process.argv.includes('--header')) {
  console.log('| detector | precision | recall | F1 | malicious flagged (any detection) | benign with high/critical | speed corpus files / MB | seconds | MB/s | start-up s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
}
console.log(
  `| model-files ${MODEL_FILES_DETECTOR_VERSION} | ${pct(quality.precision)} | ${pct(quality.recall)} | ${pct(quality.f1)} | ${quality.flagged}/${quality.malicious} (${quality.detected}) | ${quality.falseSevere}/${quality.benign} | ${files.length} / ${(bytes / 1e6).toFixed(0)} | ${best.toFixed(3)} | ${(bytes / 1e6 / best).toFixed(0)} | ${startup.toFixed(3)} |`,
);
if (flagged) console.error(`warning: ${flagged} generated benign files were flagged`);
