// The outputs on real scans, as a user gets them: the example project through every format, a folder of
// model files as SARIF, `aispm report compliance`, and the CI files the docs ship (their aispm flags exist).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { assessCompliance, loadCatalogue, loadFramework } from '../../src/compliance/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { SCAN_FORMATS } from '../../src/formats/index.js';
import { renderJson } from '../../src/formats/json.js';
import { validateReport } from '../../src/formats/report-schema.js';
import { fileUri } from '../../src/formats/sarif.js';
import { validateSarif } from '../../src/formats/sarif-schema.js';
import { FRAMEWORKS, type ComplianceReport, type Report } from '../../src/model/index.js';
import { fromPackageRoot } from '../../src/policy/package-root.js';
import { scan } from '../../src/scan.js';

const EXAMPLE = path.join('examples', 'acme-ai');
const catalogue = loadCatalogue();
let example: Report | undefined;
async function exampleReport(): Promise<Report> {
  example ??= await scan({ root: EXAMPLE });
  return example;
}

function aispm(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
}

test('the example project: JSON validates against the versioned report schema', async () => {
  const report = await exampleReport();
  assert.ok(report.findings?.length, 'the example triggers checks');
  assert.deepEqual(validateReport(renderJson(report)), []);
});

test('the example project: SARIF validates against the official schema, one result per finding', async () => {
  const report = await exampleReport();
  const log = JSON.parse(SCAN_FORMATS.sarif!(report, {})) as SarifLog;
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.runs[0]!.results.length, report.findings!.length);
  for (const r of log.runs[0]!.results) assert.ok(!path.isAbsolute(r.locations[0]!.physicalLocation.artifactLocation.uri));
});

test('the example project: HTML and Markdown render, self-contained and within limits', async () => {
  const report = await exampleReport();
  const html = SCAN_FORMATS.html!(report, {});
  assert.ok(html.includes('<section id="compliance">'));
  assert.doesNotMatch(html, /\ssrc=|<link\b/);
  const md = SCAN_FORMATS.markdown!(report, {});
  assert.ok(md.length <= 65_536);
  assert.match(md, /^### .* aispm: \d+ open findings/);
});

/** The model-file fixtures scanned once, rendered as SARIF: the unsafe files and those with a loud result. */
let modelFolder: Promise<{ unsafe: Report['assets']; loud: Set<string> }> | undefined;
function scanModelFolder() {
  modelFolder ??= (async () => {
    const report = await scan({ root: fromPackageRoot('src', 'detectors', 'model-files', 'testdata'), workers: 1 });
    const log = JSON.parse(SCAN_FORMATS.sarif!(report, {})) as SarifLog;
    assert.deepEqual(validateSarif(log), []);
    const loud = new Set(
      log.runs[0]!.results.filter((r) => r.level === 'error' || r.level === 'warning').map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    );
    return { unsafe: report.assets.filter((a) => a.kind === 'model-file' && a.attrs.unsafe === true), loud };
  })();
  return modelFolder;
}
const quietOnes = (unsafe: Report['assets'], loud: Set<string>) => unsafe.filter((a) => !loud.has(fileUri(a.key))).map((a) => `${a.key} (${String(a.attrs.format)}, ${String(a.attrs.unsafeSeverity)})`);

test('a folder of model files as SARIF: every unsafe pickle-based file is an error or a warning', async () => {
  const { unsafe, loud } = await scanModelFolder();
  const pickles = unsafe.filter((a) => ['pickle', 'pytorch', 'pytorch-zip', 'pytorch-legacy', 'joblib'].includes(String(a.attrs.format)));
  assert.ok(pickles.length >= 3, `the malicious pickle fixtures are judged unsafe: ${pickles.map((a) => a.key).join(', ')}`);
  assert.deepEqual(quietOnes(pickles, loud), []);
});

// The content stage judges more formats unsafe (GGUF templates that run code, NumPy object arrays that unpickle)
// than the check library reports today: AISPM-MF-001/002 read `globals`, which only pickle containers carry.
// A check over the verdict itself (`attrs.unsafe` / `unsafeSeverity`) closes this; see the outputs report.
test('a folder of model files as SARIF: every file the content stage judged unsafe is an error or a warning', async () => {
  const { unsafe, loud } = await scanModelFolder();
  assert.deepEqual(quietOnes(unsafe, loud), []);
});

test('compliance on the example: never "pass" for a control no check tested, and fails carry their findings', async () => {
  const report = await exampleReport();
  for (const id of FRAMEWORKS) {
    const c = assessCompliance({ report, checks: catalogue.checks, framework: loadFramework(id) });
    for (const ctl of c.controls) {
      if (ctl.status === 'pass') assert.ok(ctl.checks.some((e) => e.ran && e.applicableAssets > 0), `${id} ${ctl.id} passes without a check that ran`);
      if (ctl.status === 'fail') assert.ok(ctl.findings.length > 0);
      if (ctl.status === 'not-evaluated') assert.ok(!ctl.checks.some((e) => e.ran), `${id} ${ctl.id}`);
    }
    assert.equal(c.summary.pass + c.summary.fail + c.summary.notEvaluated, c.controls.length);
  }
});

test('aispm report compliance: from a saved JSON report, as JSON and Markdown; bad input is named', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-report-'));
  const saved = path.join(dir, 'report.json');
  writeFileSync(saved, renderJson(await exampleReport()));
  const out = path.join(dir, 'owasp.json');
  const r = aispm(['report', 'compliance', '--input', saved, '--framework', 'owasp-llm-2025', '--format', 'json', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(readFileSync(out, 'utf8')) as ComplianceReport;
  assert.equal(c.framework.id, 'owasp-llm-2025');
  assert.equal(c.controls.length, 10);
  assert.ok(c.controls.some((x) => x.status === 'fail'));

  const md = aispm(['report', 'compliance', '--input', saved, '--framework', 'eu-ai-act', '--format', 'markdown']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^## EU AI Act/);

  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ schemaVersion: '1.0', tool: { name: 'aispm' } }));
  const e = aispm(['report', 'compliance', '--input', bad, '--framework', 'owasp-llm-2025']);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /bad\.json: not an aispm JSON report: /);
  const missing = aispm(['report', 'compliance', '.', '--framework', 'nist-csf']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Allowed choices are owasp-llm-2025, mitre-atlas/);
});

/** Parses an aispm command line with every action replaced by a no-op: unknown flags and bad choices throw. */
function parseAispm(argv: string[]): void {
  const program = buildProgram();
  const quiet = (c: Command) => {
    c.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    c.exitOverride();
    if (c.commands.length === 0) c.action(() => {});
    for (const sub of c.commands) quiet(sub);
  };
  quiet(program);
  program.parse(['node', 'aispm', ...argv]);
}

/** Every `aispm ...` invocation in a shell script (one command per line, `&&`/`||`/`;` split). */
function aispmCommands(script: string): string[][] {
  const out: string[][] = [];
  for (const line of script.split('\n')) {
    for (const part of line.split(/&&|\|\||;/)) {
      const words = part.trim().split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
      const i = words.indexOf('aispm');
      if (i === 0 || (i > 0 && ['npx', 'exec'].includes(words[i - 1]!))) out.push(words.slice(i + 1));
    }
  }
  return out;
}

test('the documented GitHub Actions workflow parses and uses only flags the CLI has', () => {
  const wf = parseYaml(readFileSync(fromPackageRoot('docs', 'examples', 'aispm-workflow.yml'), 'utf8')) as {
    jobs: Record<string, { permissions?: Record<string, string>; steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> }>;
  };
  const commands = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? aispmCommands(s.run) : [])));
  assert.ok(commands.length >= 2);
  const sarifScan = commands.find((c) => c.includes('sarif'))!;
  assert.deepEqual(sarifScan, ['scan', '.', '--no-store', '--format', 'sarif', '--output', 'aispm.sarif', '--fail-on', 'high']);
  assert.ok(commands.some((c) => c.includes('markdown')));
  for (const c of commands) assert.doesNotThrow(() => parseAispm(c), `aispm ${c.join(' ')}`);
  // a misspelled flag would be caught the same way
  assert.throws(() => parseAispm(['scan', '.', '--fail-on', 'severe']));
  assert.throws(() => parseAispm(['scan', '.', '--no-such-flag']));
  const upload = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
  assert.equal(upload?.with?.sarif_file, 'aispm.sarif');
  assert.equal(wf.jobs.scan!.permissions!['security-events'], 'write');
});

test('docs/ci.md shows the same workflow as docs/examples/aispm-workflow.yml', () => {
  const doc = readFileSync(fromPackageRoot('docs', 'ci.md'), 'utf8');
  const file = readFileSync(fromPackageRoot('docs', 'examples', 'aispm-workflow.yml'), 'utf8');
  const block = /```yaml\n# aispm in GitHub Actions[\s\S]*?```/.exec(doc)?.[0];
  assert.ok(block, 'the workflow block is in docs/ci.md');
  assert.equal(block.slice('```yaml\n'.length, -'```'.length), file);
});

test('the pre-commit hook is a node hook whose entry uses only flags the CLI has', () => {
  const hooks = parseYaml(readFileSync(fromPackageRoot('.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((h) => h.id === 'aispm');
  assert.ok(hook);
  assert.equal(hook.language, 'node');
  assert.equal(hook.pass_filenames, false);
  const [bin, ...args] = String(hook.entry).split(/\s+/);
  assert.equal(bin, 'aispm');
  assert.doesNotThrow(() => parseAispm(args));
  assert.ok(args.includes('--fail-on'));
  const pkg = JSON.parse(readFileSync(fromPackageRoot('package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(pkg.bin.aispm, 'the package provides the aispm executable the hook runs');
});
