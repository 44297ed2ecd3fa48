// One colour and shape per asset kind, shared by the badges and the graph explorer.
import type { AssetKind } from './types.js';

export const KIND_STYLE: Record<AssetKind, { color: string; shape: string }> = {
  application: { color: '#748ffc', shape: 'round-rectangle' },
  'ai-service': { color: '#f783ac', shape: 'ellipse' },
  model: { color: '#b197fc', shape: 'ellipse' },
  'model-file': { color: '#9775fa', shape: 'rhomboid' },
  library: { color: '#868e96', shape: 'round-tag' },
  endpoint: { color: '#ff922b', shape: 'hexagon' },
  dataset: { color: '#20c997', shape: 'barrel' },
  'vector-store': { color: '#38d9a9', shape: 'barrel' },
  'knowledge-base': { color: '#63e6be', shape: 'barrel' },
  prompt: { color: '#ffd43b', shape: 'round-rectangle' },
  agent: { color: '#e64980', shape: 'star' },
  tool: { color: '#fa5252', shape: 'triangle' },
  'mcp-server': { color: '#f06595', shape: 'octagon' },
  notebook: { color: '#fab005', shape: 'round-rectangle' },
  pipeline: { color: '#4dabf7', shape: 'round-diamond' },
  secret: { color: '#ff6b6b', shape: 'diamond' },
  identity: { color: '#69db7c', shape: 'round-pentagon' },
  storage: { color: '#12b886', shape: 'barrel' },
  workload: { color: '#339af0', shape: 'round-rectangle' },
  network: { color: '#adb5bd', shape: 'vee' },
};

export const kindColor = (k: string) => KIND_STYLE[k as AssetKind]?.color ?? '#adb5bd';
