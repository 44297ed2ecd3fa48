// Benchmark line for the PII detector: per-type precision, recall and F1 on the dev corpus (overlap
// matching, exact-span F1 beside it) and throughput on one core, over the corpus and over 10 MB of
// generated ordinary prose (release notes, meeting notes, docs) that holds no personal data. Prints a
// Markdown table: one row per type, then the overall row (with `--header`, the header first). Throughput
// is CPU time of this process, best of three runs after a warm-up.
//   npx tsx bench/detectors/pii.ts [--header]
//   --show-false lists what fires on the first 100 prose documents; --prose-only prints the prose throughput.
import { Rng } from '../../src/util/rng.js';
import { ADJECTIVES, NOUNS, SENTENCES, TEAMS, VERBS } from '../lib/words.js';
import { evaluatePii, readCorpus } from '../../src/detectors/pii/evaluate.js';
import { piiDetector } from '../../src/detectors/pii/index.js';

const PROSE_BYTES = 10_000_000;
const DOC_BYTES = 20_000;
const RUNS = 3;

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** One sentence of business prose: words, versions, dates, counts and title-case names of things. */
function sentence(rng: Rng): string {
  switch (rng.int(0, 5)) {
    case 0:
      return rng.pick(SENTENCES);
    case 1:
      return `${cap(rng.pick(ADJECTIVES))} ${rng.pick(NOUNS)} ${rng.pick(VERBS)}s were reduced by ${rng.int(2, 60)}% in release ${rng.int(1, 9)}.${rng.int(0, 30)}.${rng.int(0, 9)}.`;
    case 2:
      return `The ${rng.pick(TEAMS)} team will ${rng.pick(VERBS)} the ${rng.pick(NOUNS)} ${rng.pick(NOUNS)} before 202${rng.int(3, 6)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}.`;
    case 3:
      return `${cap(rng.pick(NOUNS))} ${cap(rng.pick(NOUNS))} Service handles ${rng.int(100, 99999)} requests per second on ${rng.int(2, 64)} nodes.`;
    case 4:
      return `See section ${rng.int(1, 12)}.${rng.int(1, 9)} for how ${rng.pick(NOUNS)}s are ${rng.pick(VERBS)}d and ${rng.pick(VERBS)}d.`;
    default:
      return `Ticket #${rng.int(1000, 99999)}: ${rng.pick(VERBS)} ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} (build ${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 99)}.${rng.int(0, 999)}).`;
  }
}

function ordinaryProse(): string[] {
  const rng = new Rng('bench-detectors-pii');
  const docs: string[] = [];
  for (let size = 0; size < PROSE_BYTES; ) {
    let doc = `# ${cap(rng.pick(NOUNS))} ${cap(rng.pick(NOUNS))} Notes\n\n`;
    while (doc.length < DOC_BYTES) {
      const n = rng.int(2, 6);
      doc += `${Array.from({ length: n }, () => sentence(rng)).join(' ')}\n\n`;
    }
    docs.push(doc);
    size += Buffer.byteLength(doc);
  }
  return docs;
}

/** Best MB/s of a few runs, in CPU seconds of this process. */
function throughput(texts: string[]): { mbps: number; detections: number } {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let best = 0;
  let detections = 0;
  for (let run = 0; run <= RUNS; run++) {
    const before = process.cpuUsage();
    detections = 0;
    for (const t of texts) detections += piiDetector.detect(t).filter((d) => d.type !== 'HEALTH' && d.type !== 'FINANCIAL').length;
    const used = process.cpuUsage(before);
    if (run > 0) best = Math.max(best, bytes / 1e6 / ((used.user + used.system) / 1e6)); // run 0 warms the JIT up
  }
  return { mbps: best, detections };
}

if (process.argv.includes('--prose-only')) {
  console.log(throughput(ordinaryProse()));
  process.exit(0);
}
if (process.argv.includes('--show-false')) {
  const counts = new Map<string, number>();
  for (const doc of ordinaryProse().slice(0, 100)) {
    for (const d of piiDetector.detect(doc)) {
      const key = `${d.type} ${JSON.stringify(doc.slice(Math.max(0, d.start - 20), d.end + 10))}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const [k, n] of [...counts].slice(0, 30)) console.log(n, k);
  process.exit(0);
}

const records = readCorpus();
const quality = evaluatePii(records);
const corpus = throughput(records.map((r) => r.text));
const prose = throughput(ordinaryProse());
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv.includes('--header')) {
  console.log('| detector | precision | recall | F1 | exact-span F1 | truth found | false detections | MB/s corpus | MB/s 10 MB prose (identifier detections) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
}
for (const [type, s] of Object.entries(quality.perType)) {
  console.log(`| pii ${type} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(s.exactF1)} | ${s.found}/${s.truth} | ${s.detections - s.trueDetections}/${s.detections} | | |`);
}
const o = quality.overall;
console.log(
  `| pii ${piiDetector.version} (all types) | ${pct(o.precision)} | ${pct(o.recall)} | ${pct(o.f1)} | ${pct(o.exactF1)} | ${o.found}/${o.truth} | ${o.detections - o.trueDetections}/${o.detections} | ${corpus.mbps.toFixed(2)} | ${prose.mbps.toFixed(2)} (${prose.detections}) |`,
);
