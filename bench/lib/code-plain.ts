// Ordinary, non-AI source files (the bulk of any organisation's tree) in Python, TypeScript, JavaScript,
// Go and Java. Each generator appends realistic blocks until the file reaches its target size. Some
// blocks hold decoys: the word "model" used for ORM models, car models and view models, which an AI
// inventory must not report.
import type { Rng } from '../../src/util/rng.js';
import { TextBuilder } from './text-builder.js';
import { camel, noun, pascal, snake, verb, paragraph, ADJECTIVES } from './words.js';

export type PlainLanguage = 'python' | 'typescript' | 'javascript' | 'go' | 'java';

type Block = (rng: Rng, b: TextBuilder) => void;

const PY_HEADER: Block = (rng, b) => {
  b.add(`"""${paragraph(rng, 2)}"""`, 'from __future__ import annotations', '', 'import logging', 'from dataclasses import dataclass, field', 'from typing import Any, Iterable, Optional', '', 'logger = logging.getLogger(__name__)', '');
};

const PY_BLOCKS: Block[] = [
  (rng, b) => {
    const n = noun(rng);
    const cls = pascal(n);
    b.add('', '@dataclass', `class ${cls}:`, `    """A ${n} as stored in the ${rng.pick(ADJECTIVES)} table."""`, '', `    id: int`, `    ${n}_ref: str`, `    amount: float = 0.0`, `    tags: list[str] = field(default_factory=list)`, '');
    b.add(`    def is_${rng.pick(ADJECTIVES)}(self) -> bool:`, `        return self.amount > ${rng.int(0, 500)} and bool(self.tags)`, '');
  },
  (rng, b) => {
    const v = verb(rng);
    const n = noun(rng);
    b.add('', `def ${snake(v, n)}(items: Iterable[dict[str, Any]], limit: int = ${rng.int(10, 1000)}) -> list[dict[str, Any]]:`, `    """${pascal(v)} ${n} entries, keeping at most \`limit\`."""`);
    b.add('    result: list[dict[str, Any]] = []', '    for item in items:', `        if item.get("${n}_id") is None:`, `            logger.warning("skipping ${n} without id: %s", item)`, '            continue', `        item["${snake(rng.pick(ADJECTIVES), 'at')}"] = item.get("updated_at")`, '        result.append(item)', '        if len(result) >= limit:', '            break', '    return result', '');
  },
  (rng, b) => {
    const n = noun(rng);
    const cls = pascal(n, 'Repository');
    b.add('', `class ${cls}:`, `    def __init__(self, session) -> None:`, '        self._session = session', '');
    for (const v of rng.sample(['get', 'list', 'save', 'delete', 'count'], 3)) {
      b.add(`    def ${v}(self, ${n}_id: int) -> Optional[dict]:`, `        row = self._session.execute("SELECT * FROM ${n}s WHERE id = :id", {"id": ${n}_id}).fetchone()`, `        return dict(row) if row else None`, '');
    }
  },
  (rng, b) => {
    // Django-style ORM metadata: `model = Invoice` names a database model, not an AI model.
    const cls = pascal(noun(rng));
    b.add('', `class ${cls}Serializer(serializers.ModelSerializer):`, '    class Meta:');
    b.decoy(`        model = ${cls}`, cls, 'Django ORM model class in a serializer');
    b.add('        fields = "__all__"', '');
  },
  (rng, b) => {
    const n = noun(rng);
    b.add('', `def test_${snake(verb(rng), n)}_handles_empty_input():`, `    assert ${snake('compute', n)}([]) == []`, '', `def test_${snake(n)}_limit():`, `    items = [{"${n}_id": i} for i in range(${rng.int(5, 50)})]`, `    assert len(${snake('compute', n)}(items, limit=3)) == 3`, '');
  },
];

const TS_BLOCKS: Block[] = [
  (rng, b) => {
    const n = noun(rng);
    b.add('', `export interface ${pascal(n)} {`, '  id: string;', `  ${camel(n, 'ref')}: string;`, '  amount: number;', '  createdAt: Date;', `  status: '${rng.pick(ADJECTIVES)}' | 'archived';`, '}');
  },
  (rng, b) => {
    const v = verb(rng);
    const n = noun(rng);
    b.add('', `export async function ${camel(v, n)}(db: Db, id: string): Promise<${pascal(n)} | undefined> {`, `  const rows = await db.query<${pascal(n)}>('select * from ${n}s where id = $1', [id]);`, '  if (rows.length === 0) {', `    logger.warn({ id }, '${n} not found');`, '    return undefined;', '  }', `  return { ...rows[0], createdAt: new Date(rows[0].createdAt) };`, '}');
  },
  (rng, b) => {
    const n = noun(rng);
    b.add('', `router.${rng.pick(['get', 'post', 'put', 'delete'])}('/api/${n}s/:id', async (req, res) => {`, `  const item = await ${camel('get', n)}(req.app.locals.db, req.params.id);`, "  if (!item) return res.status(404).json({ error: 'not found' });", '  res.json(item);', '});');
  },
  (rng, b) => {
    // A view model and a car model: the word "model" with nothing to do with AI.
    const n = noun(rng);
    b.add('', `export function ${camel('use', n, 'ViewModel')}(props: { id: string }) {`);
    b.decoy(`  const model = useViewModel(props.id);`, 'model', 'UI view-model variable');
    b.add(`  return { ...model, label: '${pascal(n)}' };`, '}');
    b.add('', 'const vehicle = {');
    b.decoy(`  model: 'Model S',`, 'Model S', 'a car model in fixture data');
    b.add(`  year: ${rng.int(2012, 2024)},`, '};');
  },
  (rng, b) => {
    const n = noun(rng);
    b.add('', `describe('${camel(n)}', () => {`, `  it('${verb(rng)}s ${n}s', async () => {`);
    b.decoy(`    const mockModel = { id: 'x', predict: vi.fn() };`, 'mockModel', 'a test double named mockModel');
    b.add(`    expect(await ${camel('get', n)}(fakeDb, 'id-${rng.int(1, 99)}')).toBeDefined();`, '    expect(mockModel.predict).not.toHaveBeenCalled();', '  });', '});');
  },
];

const jsFunction: Block = (rng, b) => {
  const n = noun(rng);
  b.add('', `async function ${camel(verb(rng), n)}(db, id) {`, `  const rows = await db.query('select * from ${n}s where id = $1', [id]);`, `  return rows.length ? rows[0] : null;`, '}', `module.exports.${camel(n)} = ${rng.int(1, 9)};`);
};

const GO_BLOCKS: Block[] = [
  (rng, b) => {
    const n = noun(rng);
    b.add('', `// ${pascal(n)} is a ${n} row.`, `type ${pascal(n)} struct {`, '\tID        int64     `json:"id"`', `\t${pascal(n)}Ref string    \`json:"${n}_ref"\``, '\tAmount    float64   `json:"amount"`', '\tCreatedAt time.Time `json:"created_at"`', '}');
  },
  (rng, b) => {
    const n = noun(rng);
    const v = verb(rng);
    b.add('', `func (s *Service) ${pascal(v, n)}(ctx context.Context, id int64) (*${pascal(n)}, error) {`, `\trow := s.db.QueryRowContext(ctx, "SELECT id, amount FROM ${n}s WHERE id = $1", id)`, `\tvar out ${pascal(n)}`, '\tif err := row.Scan(&out.ID, &out.Amount); err != nil {', `\t\treturn nil, fmt.Errorf("${v} ${n} %d: %w", id, err)`, '\t}', '\treturn &out, nil', '}');
  },
  (rng, b) => {
    const n = noun(rng);
    b.add('', `func Test${pascal(n)}Roundtrip(t *testing.T) {`, `\tin := ${pascal(n)}{ID: ${rng.int(1, 999)}, Amount: ${rng.int(1, 99)}.5}`, '\tdata, err := json.Marshal(in)', '\tif err != nil {', '\t\tt.Fatal(err)', '\t}', `\tvar out ${pascal(n)}`, '\tif err := json.Unmarshal(data, &out); err != nil || out.ID != in.ID {', '\t\tt.Fatalf("roundtrip: %v %+v", err, out)', '\t}', '}');
  },
];

const JAVA_BLOCKS: Block[] = [
  (rng, b) => {
    const n = noun(rng);
    b.add('', `    public Optional<${pascal(n)}> find${pascal(n)}(long id) {`, `        return jdbc.query("SELECT * FROM ${n}s WHERE id = ?", mapper, id).stream().findFirst();`, '    }');
  },
  (rng, b) => {
    const n = noun(rng);
    const v = verb(rng);
    b.add('', `    @Transactional`, `    public void ${camel(v, n)}(${pascal(n)} ${n}) {`, `        if (${n}.getAmount() < ${rng.int(0, 100)}) {`, `            throw new IllegalArgumentException("${n} amount too small");`, '        }', `        repository.save(${n});`, `        events.publish(new ${pascal(n, 'Changed')}(${n}.getId()));`, '    }');
  },
  (rng, b) => {
    b.add('', '    private String make;');
    b.decoy('    private String model;', 'model', 'a Java field named model');
    b.add(`    private int year = ${rng.int(1990, 2024)};`);
  },
];

const HEADERS: Record<PlainLanguage, (rng: Rng, b: TextBuilder, name: string) => void> = {
  python: (rng, b) => PY_HEADER(rng, b),
  typescript: (rng, b) => b.add(`// ${paragraph(rng, 1)}`, "import { logger } from '../lib/logger.js';", "import type { Db } from '../lib/db.js';", "import { router } from '../lib/http.js';", ''),
  javascript: (rng, b) => b.add(`// ${paragraph(rng, 1)}`, "'use strict';", "const { logger } = require('../lib/logger');", "const { router } = require('../lib/http');", ''),
  go: (rng, b, name) => b.add(`// Package ${name} ${paragraph(rng, 1).toLowerCase()}`, `package ${name}`, '', 'import (', '\t"context"', '\t"encoding/json"', '\t"fmt"', '\t"testing"', '\t"time"', ')'),
  java: (rng, b, name) => b.add(`package com.example.${name};`, '', 'import java.util.Optional;', 'import org.springframework.stereotype.Service;', 'import org.springframework.transaction.annotation.Transactional;', '', '@Service', `public class ${pascal(name)}Service {`),
};

/** Blocks with decoys (indexes below) are rarer than plain ones, as they are in real code. */
function weighted(blocks: Block[], decoyIndexes: number[]): ReadonlyArray<readonly [Block, number]> {
  return blocks.map((b, i) => [b, decoyIndexes.includes(i) ? 1 : 6] as const);
}

const BLOCKS: Record<PlainLanguage, ReadonlyArray<readonly [Block, number]>> = {
  python: weighted(PY_BLOCKS, [3]),
  typescript: weighted(TS_BLOCKS, [3, 4]),
  javascript: weighted([TS_BLOCKS[2], jsFunction], []),
  go: weighted(GO_BLOCKS, []),
  java: weighted(JAVA_BLOCKS, [2]),
};

/** An ordinary source file of about `targetBytes`. `pkg` names the Go package or Java class. */
export function plainSource(rng: Rng, lang: PlainLanguage, targetBytes: number, pkg: string): TextBuilder {
  const b = new TextBuilder(lang);
  HEADERS[lang](rng, b, pkg);
  const footer = lang === 'java' ? 2 : 0;
  plainBlocks(rng, lang, b, targetBytes - footer);
  if (lang === 'java') b.add('}');
  return b;
}

/** Appends ordinary code blocks (no file header) until the builder reaches `targetBytes`. */
export function plainBlocks(rng: Rng, lang: PlainLanguage, b: TextBuilder, targetBytes: number): TextBuilder {
  const blocks = BLOCKS[lang];
  while (b.size < targetBytes) rng.weighted(blocks)(rng, b);
  return b;
}
