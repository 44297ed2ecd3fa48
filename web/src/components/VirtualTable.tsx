// A list of any length: fetched from the API in pages as they scroll into view, and drawn virtualised (only the rows
// on screen exist in the DOM), so an inventory of 100,000 assets scrolls like one of 100. Keyboard: arrows, Page
// Up/Down, Home/End move between rows, Enter opens one.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { get, withQuery } from '../api.js';
import { count } from '../format.js';
import type { Page } from '../types.js';
import { ErrorNote } from './ui.js';

export interface Column<T> {
  key: string;
  label: string;
  /** A CSS grid track, e.g. `minmax(12rem, 2fr)` or `7rem`. */
  width: string;
  render(item: T): ReactNode;
}

const ROW = 40;

export function VirtualTable<T>({ label, path: endpoint, version = 0, columns, rowKey, onOpen, selectedKey, empty, block = 100, height = 'calc(100vh - 17rem)', onTotal }: {
  label: string;
  /** The list endpoint with its filters; limit and offset are added here. */
  path: string;
  /** Bump to fetch again (after a change that moves rows in or out of the list). */
  version?: number;
  columns: Column<T>[];
  rowKey(item: T): string;
  onOpen(item: T): void;
  selectedKey?: string;
  empty: ReactNode;
  block?: number;
  height?: string;
  onTotal?(total: number, capped: boolean): void;
}) {
  const path = `${endpoint}\u0000${version}`;
  const [state, setState] = useState<{ path: string; total?: number; capped?: boolean; blocks: Map<number, T[]>; error?: Error }>({ path, blocks: new Map() });
  const asked = useRef(new Set<string>());
  const scroller = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState(0);
  const current = state.path === path ? state : { path, blocks: new Map<number, T[]>() as Map<number, T[]>, total: undefined, capped: undefined, error: undefined };

  const load = (b: number) => {
    const key = `${path}#${b}`;
    if (asked.current.has(key)) return;
    asked.current.add(key);
    get<Page<T>>(withQuery(endpoint, { limit: block, offset: b * block })).then(
      (page) => setState((s) => {
        const base = s.path === path ? s : { path, blocks: new Map<number, T[]>() };
        const blocks = new Map(base.blocks);
        blocks.set(b, page.items);
        return { ...base, path, blocks, total: page.total, capped: !!page.totalCapped, error: undefined };
      }),
      (error: Error) => {
        asked.current.delete(key);
        setState((s) => ({ ...(s.path === path ? s : { path, blocks: new Map() }), error }));
      },
    );
  };

  useEffect(() => {
    asked.current = new Set();
    if (!version) {
      setFocus(0);
      scroller.current?.scrollTo({ top: 0 });
    }
    load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  useEffect(() => {
    if (current.total !== undefined) onTotal?.(current.total, !!current.capped);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current.total, current.capped]);

  const total = current.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (!items.length) return;
    const first = Math.floor(items[0].index / block);
    const last = Math.floor(items[items.length - 1].index / block);
    for (let b = first; b <= last; b++) if (!current.blocks.has(b)) load(b);
  });

  const itemAt = (i: number): T | undefined => current.blocks.get(Math.floor(i / block))?.[i % block];
  const grid = columns.map((c) => c.width).join(' ');

  const move = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    setFocus(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    const row = () => scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    // a row already drawn (the overscan) takes focus at once; one further away once it is drawn
    const now = row();
    if (now) now.focus();
    else requestAnimationFrame(() => row()?.focus());
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW) - 1);
    // the row that has focus now (keys can come faster than React re-renders)
    const at = Number((e.target as HTMLElement).dataset.index ?? focus);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const it = itemAt(at);
        if (it) onOpen(it);
      },
    };
    const act = keys[e.key];
    if (act && (e.target as HTMLElement).getAttribute('role') === 'row') {
      e.preventDefault();
      act();
    }
  };

  if (current.error && current.total === undefined) return <ErrorNote error={current.error} title={`Could not load ${label.toLowerCase()}`} />;
  if (current.total === 0) return <>{empty}</>;

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={total + 1} aria-busy={current.total === undefined}>
      <div className="vrow vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: grid }}>
        {columns.map((c) => <div key={c.key} role="columnheader">{c.label}</div>)}
      </div>
      <div className="vscroll" ref={scroller} style={{ height }} onKeyDown={onKey}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((v) => {
            const item = itemAt(v.index);
            const key = item ? rowKey(item) : undefined;
            return (
              <div
                key={v.key}
                role="row"
                aria-rowindex={v.index + 2}
                data-index={v.index}
                data-key={key}
                tabIndex={v.index === focus ? 0 : -1}
                aria-selected={key !== undefined && key === selectedKey}
                className={`vrow${key !== undefined && key === selectedKey ? ' selected' : ''}${item ? '' : ' placeholder'}`}
                style={{ gridTemplateColumns: grid, transform: `translateY(${v.start}px)`, height: ROW }}
                onClick={() => {
                  setFocus(v.index);
                  if (item) onOpen(item);
                }}
                onFocus={() => setFocus(v.index)}
              >
                {item ? columns.map((c) => <div key={c.key} role="cell">{c.render(item)}</div>) : <div role="cell" className="muted">loading…</div>}
              </div>
            );
          })}
        </div>
      </div>
      <div className="vfoot muted">{count(total, current.capped)} {current.capped ? '(counting stopped)' : ''}</div>
    </div>
  );
}
