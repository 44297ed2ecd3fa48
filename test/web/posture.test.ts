// The Overview's posture score and the all-sources trend, as pure functions of the server's KPIs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combine, combinedTrend, postureOf, riskPoints } from '../../web/src/posture.js';
import type { KpiPoint, Kpis } from '../../web/src/types.js';

const kpis = (o: Partial<Kpis> & { open?: Partial<Kpis['openFindingsBySeverity']> } = {}): Kpis => ({
  assets: 100, ownerCoverage: 1, mappingCoverage: 1, modelsAndAgents: 10, shadowAiServices: 0, meanTimeToRemediateHours: null,
  ...o,
  openFindingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...o.open },
});

test('a clean estate scores 100 and every part is explained', () => {
  const p = postureOf(kpis());
  assert.equal(p.score, 100);
  assert.deepEqual(p.parts.map((x) => Math.round(x.points)), [60, 20, 20, -0]);
  assert.ok(p.parts.every((x) => x.detail.length > 0));
});

test('open findings weigh by severity, coverage gaps and shadow AI take points off', () => {
  assert.equal(riskPoints(kpis({ open: { critical: 1, high: 2, medium: 3, low: 4, info: 9 } })), 10 + 10 + 6 + 2);
  // 100 risk points halve the findings part: 30 + 20 + 20
  assert.equal(postureOf(kpis({ open: { critical: 10 } })).score, 70);
  assert.equal(postureOf(kpis({ ownerCoverage: 0.5, mappingCoverage: 0 })).score, 60 + 10 + 0);
  assert.equal(postureOf(kpis({ shadowAiServices: 3 })).score, 94);
  assert.equal(postureOf(kpis({ shadowAiServices: 50 })).score, 90, 'shadow AI costs at most 10 points');
  // no models or agents: nothing is unmapped
  assert.equal(postureOf(kpis({ modelsAndAgents: 0, mappingCoverage: 0 })).score, 100);
  const worse = postureOf(kpis({ open: { critical: 6, high: 62, medium: 57, low: 27, info: 1 } })).score;
  assert.ok(worse < postureOf(kpis({ open: { critical: 6 } })).score);
});

test('all sources together: counts add up, shares are weighted, each source counts with its latest snapshot', () => {
  const a = kpis({ assets: 100, ownerCoverage: 1, modelsAndAgents: 10, mappingCoverage: 1, shadowAiServices: 1, open: { high: 2 } });
  const b = kpis({ assets: 300, ownerCoverage: 0.5, modelsAndAgents: 30, mappingCoverage: 0, shadowAiServices: 2, open: { high: 1, low: 4 } });
  const c = combine([a, b]);
  assert.equal(c.assets, 400);
  assert.equal(c.ownerCoverage, (100 + 150) / 400);
  assert.equal(c.mappingCoverage, 10 / 40);
  assert.equal(c.shadowAiServices, 3);
  assert.deepEqual(c.openFindingsBySeverity, { critical: 0, high: 3, medium: 0, low: 4, info: 0 });

  const at = (d: number) => new Date(Date.UTC(2025, 0, d)).toISOString();
  const points: KpiPoint[] = [
    { scanId: 's3', source: 'a', at: at(3), kpis: kpis({ assets: 120 }) },
    { scanId: 's1', source: 'a', at: at(1), kpis: kpis({ assets: 100 }) },
    { scanId: 's2', source: 'b', at: at(2), kpis: kpis({ assets: 10 }) },
  ];
  assert.deepEqual(combinedTrend(points).map((p) => [p.at, p.kpis.assets]), [[at(1), 100], [at(2), 110], [at(3), 130]]);
});
