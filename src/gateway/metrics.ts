// Prometheus text exposition (format 0.0.4) for the gateway, without a client library: counters and histograms
// keyed by their rendered label set, so recording is a map lookup and an add.

type Labels = Record<string, string>;

function renderLabels(labels: Labels | undefined): string {
  if (!labels) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(labels)) parts.push(`${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Rendered label sets, found by walking names and values (no key string is built per call). */
class LabelCache {
  private readonly root = new Map<string, unknown>();
  private size = 0;

  /** The rendered label set of `labels`, memoised on the raw values: rendering escapes every value. */
  key(labels: Labels | undefined): string {
    if (!labels) return '';
    let node = this.root;
    for (const k in labels) {
      let byValue = node.get(k) as Map<string, unknown> | undefined;
      if (!byValue) node.set(k, (byValue = new Map()));
      let next = byValue.get(labels[k]!) as Map<string, unknown> | undefined;
      if (!next) byValue.set(labels[k]!, (next = new Map()));
      node = next;
    }
    let rendered = node.get('') as string | undefined;
    if (rendered === undefined) {
      rendered = renderLabels(labels);
      // label values are bounded sets (endpoints, statuses, guardrail ids); the cap guards against a bug
      if (this.size++ < 10_000) node.set('', rendered);
    }
    return rendered;
  }
}

class Counter {
  readonly values = new Map<string, number>();
  private readonly keys = new LabelCache();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels?: Labels, n = 1): void {
    const k = this.keys.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + n);
  }
  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    for (const [k, v] of this.values) out += `${this.name}${k} ${v}\n`;
    return out;
  }
}

class Gauge {
  private value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read?: () => number,
  ) {}
  add(n: number): void {
    this.value += n;
  }
  render(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n${this.name} ${this.read ? this.read() : this.value}\n`;
  }
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {
    this.counts = new Array(bounds.length).fill(0);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.bounds.length; i++) {
      if (v <= this.bounds[i]!) {
        this.counts[i]!++;
        break;
      }
    }
  }
  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    let cum = 0;
    for (let i = 0; i < this.bounds.length; i++) {
      cum += this.counts[i]!;
      out += `${this.name}_bucket{le="${this.bounds[i]}"} ${cum}\n`;
    }
    out += `${this.name}_bucket{le="+Inf"} ${this.count}\n${this.name}_sum ${this.sum}\n${this.name}_count ${this.count}\n`;
    return out;
  }
}

const LATENCY_BOUNDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const UPSTREAM_BOUNDS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class GatewayMetrics {
  readonly requests = new Counter('aispm_gateway_requests_total', 'Requests handled, by client API, endpoint, HTTP status and decision.');
  readonly guardrailHits = new Counter('aispm_gateway_guardrail_hits_total', 'Guardrails that fired, by guardrail, hook and action.');
  readonly guardrailErrors = new Counter('aispm_gateway_guardrail_errors_total', 'Guardrails that failed or timed out, by guardrail and on_error.');
  readonly guardrailOverBudget = new Counter('aispm_gateway_guardrail_over_budget_total', 'Guardrail runs longer than their latency budget.');
  readonly upstreamAttempts = new Counter('aispm_gateway_upstream_attempts_total', 'Upstream attempts, by upstream and outcome.');
  readonly tokens = new Counter('aispm_gateway_tokens_total', 'Tokens, by direction (input, output).');
  readonly abuse = new Counter('aispm_gateway_abuse_events_total', 'Abuse and anomaly events, by kind.');
  readonly sinkDrops = new Counter('aispm_gateway_event_sink_dropped_total', 'Events a sink could not deliver, by sink.');
  readonly addedLatency = new Histogram('aispm_gateway_added_latency_seconds', 'Time spent in the gateway itself per request (upstream time excluded).', LATENCY_BOUNDS);
  readonly upstreamLatency = new Histogram('aispm_gateway_upstream_response_seconds', 'Time from sending a request upstream to its response headers.', UPSTREAM_BOUNDS);
  readonly activeStreams = new Gauge('aispm_gateway_active_streams', 'Streams in progress.');
  private readonly rss = new Gauge('aispm_gateway_resident_memory_bytes', 'Resident set size.', () => process.memoryUsage.rss());
  private readonly heap = new Gauge('aispm_gateway_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed);

  render(): string {
    return [
      this.requests,
      this.guardrailHits,
      this.guardrailErrors,
      this.guardrailOverBudget,
      this.upstreamAttempts,
      this.tokens,
      this.abuse,
      this.sinkDrops,
      this.addedLatency,
      this.upstreamLatency,
      this.activeStreams,
      this.rss,
      this.heap,
    ]
      .map((m) => m.render())
      .join('');
  }
}
