// Where the benchmark keeps its generated trees and peer tools (bench/.work is gitignored).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORK_DIR = path.join(BENCH_DIR, '.work');
export const DEFAULT_TREE = path.join(WORK_DIR, 'tree');
export const QUICK_TREE = path.join(WORK_DIR, 'quick', 'tree');
export const PEERS_DIR = path.join(WORK_DIR, 'peers');
export const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'scan.md');
