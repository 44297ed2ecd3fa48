// What a record's keys say about a dataset's use (fine-tuning sets have well-known shapes).

const SHAPES: Array<[shape: string, keys: string[]]> = [
  ['chat-messages', ['messages']],
  ['prompt-completion', ['prompt', 'completion']],
  ['preference', ['chosen', 'rejected']],
  ['instruction', ['instruction', 'output']],
  ['question-answer', ['question', 'answer']],
];

export function recordShape(keys: string[]): string | undefined {
  const set = new Set(keys.map((k) => k.toLowerCase()));
  return SHAPES.find(([, need]) => need.every((k) => set.has(k)))?.[0];
}
