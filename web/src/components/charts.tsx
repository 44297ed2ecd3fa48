// Hand-made SVG charts: a time chart (lines or stacked areas), horizontal bars, a score ring and sparklines. Three
// simple shapes do not need a chart library; drawn here they follow the theme's colours through CSS variables and
// stay a few kilobytes. Every chart carries a text alternative (a visually hidden table or a label).
import { useId } from 'react';

export interface Series {
  label: string;
  /** A CSS colour, usually a variable such as var(--sev-high). */
  color: string;
  values: number[];
}

const W = 560;
const H = 200;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * mag) return m * mag;
  return 10 * mag;
}

const shortDay = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: '2-digit', month: 'short' });

export function TimeChart({ title, times, series, stacked = false, format = (n: number) => String(Math.round(n)), max }: {
  title: string; times: string[]; series: Series[]; stacked?: boolean; format?: (n: number) => string; max?: number;
}) {
  const id = useId();
  const n = times.length;
  if (!n) return null;
  const tops = times.map((_, i) => (stacked ? series.reduce((s, x) => s + (x.values[i] ?? 0), 0) : Math.max(...series.map((x) => x.values[i] ?? 0))));
  const top = Math.max(...tops);
  // small whole counts get an axis of whole numbers (0..3, not 0..5 in 1.25s)
  const whole = max === undefined && tops.every(Number.isInteger);
  const yMax = max ?? (whole && top <= 5 ? Math.max(1, Math.ceil(top)) : niceMax(top));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  // one scan so far: a flat band across the width still shows the level
  const x = (i: number) => PAD.left + (n === 1 ? (i === 0 ? 0 : iw) : (i / (n - 1)) * iw);
  const y = (v: number) => PAD.top + ih - (v / yMax) * ih;
  const idx = n === 1 ? [0, 0] : times.map((_, i) => i);
  const base = idx.map(() => 0);
  const shapes = series.map((s) => {
    const lower = [...base];
    const upper = idx.map((i, j) => (stacked ? lower[j] + (s.values[i] ?? 0) : s.values[i] ?? 0));
    if (stacked) upper.forEach((v, j) => (base[j] = v));
    const pts = upper.map((v, j) => `${x(j)},${y(v)}`);
    const area = stacked ? `M${pts.join('L')}L${lower.map((v, j) => `${x(j)},${y(v)}`).reverse().join('L')}Z` : undefined;
    return { s, line: `M${pts.join('L')}`, area, upper };
  });
  // small counts get one grid line per whole number, not 0.5s
  const steps = whole && yMax <= 5 ? yMax : (yMax / 4) % 1 !== 0 && (yMax / 5) % 1 === 0 ? 5 : 4;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => (i / steps) * yMax);
  const xLabels = n === 1 ? [0] : [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: chart, data in the table that follows`} preserveAspectRatio="none">
        {ticks.map((t) => (
          <g key={t} className="grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end">{format(t)}</text>
          </g>
        ))}
        {xLabels.map((i) => (
          <text key={i} className="axis" x={n === 1 ? PAD.left + iw / 2 : x(i)} y={H - 6} textAnchor={n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>
            {shortDay(times[i])}
          </text>
        ))}
        {[...shapes].reverse().map(({ s, line, area }) => (
          <g key={s.label}>
            {area && <path d={area} fill={s.color} opacity={0.55} />}
            <path d={line} fill="none" stroke={s.color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
          </g>
        ))}
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}><span className="swatch" style={{ background: s.color }} />{s.label} <b>{format(s.values[n - 1] ?? 0)}</b></li>
        ))}
      </ul>
      {n === 1 && <p className="muted small">One scan so far: the trend grows with every scan.</p>}
      <table className="sr-only">
        <caption>{title}</caption>
        <thead><tr><th scope="col">time</th>{series.map((s) => <th key={s.label} scope="col">{s.label}</th>)}</tr></thead>
        <tbody>
          {times.map((t, i) => (
            <tr key={`${t}${i}`}><th scope="row">{new Date(t).toISOString()}</th>{series.map((s) => <td key={s.label}>{format(s.values[i] ?? 0)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Horizontal bars, largest first; `href` makes a bar a link (e.g. to the filtered inventory). */
export function BarList({ title, items, format = (n: number) => String(n), color = 'var(--accent)', onSelect }: {
  title: string; items: Array<{ label: string; value: number; color?: string; key?: string }>; format?: (n: number) => string; color?: string;
  onSelect?(key: string): void;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <figure className="bars">
      <figcaption>{title}</figcaption>
      <ul>
        {items.map((i) => {
          const body = (
            <>
              <span className="bar-label">{i.label}</span>
              <span className="bar-track"><span className="bar" style={{ width: `${(i.value / max) * 100}%`, background: i.color ?? color }} /></span>
              <span className="bar-value">{format(i.value)}</span>
            </>
          );
          return (
            <li key={i.key ?? i.label}>
              {onSelect ? <button type="button" className="bar-row" onClick={() => onSelect(i.key ?? i.label)}>{body}</button> : <div className="bar-row">{body}</div>}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

export function Gauge({ value, label }: { value: number; label: string }) {
  const r = 52;
  const c = 2 * Math.PI * r;
  const level = value >= 80 ? 'good' : value >= 60 ? 'fair' : value >= 40 ? 'poor' : 'bad';
  return (
    <svg className={`gauge gauge-${level}`} viewBox="0 0 128 128" role="img" aria-label={`${label}: ${value} out of 100`}>
      <circle cx="64" cy="64" r={r} className="gauge-track" />
      <circle cx="64" cy="64" r={r} className="gauge-value" strokeDasharray={`${(value / 100) * c} ${c}`} transform="rotate(-90 64 64)" />
      <text x="64" y="70" textAnchor="middle" className="gauge-text">{value}</text>
    </svg>
  );
}

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  if (values.length < 2) return null;
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const pts = values.map((v, i) => `${(i / (values.length - 1)) * 100},${28 - ((v - min) / span) * 26}`).join(' ');
  return (
    <svg className="spark" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label={`${label} trend: ${values.join(', ')}`}>
      <polyline points={pts} fill="none" stroke="currentColor" strokeWidth={2} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
