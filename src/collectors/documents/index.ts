// Collector `documents`: the documents a RAG pipeline indexes. PDF and Word files are documents wherever they
// are; Markdown, text and HTML only inside a knowledge-base folder (`kb/`, `knowledge/`, `corpus/`, `rag/`,
// `documents/`, `helpcenter/`…), because every repository has a README. Each document is a `dataset` asset with
// `role: document`; the content stage reads its text (PDF and DOCX extracted, never rendered) for personal data
// and hidden instructions.

import type { CollectContext, Collector, FileInput } from '../types.js';

const ALWAYS = new Map([
  ['pdf', 'pdf'],
  ['docx', 'docx'],
]);
const IN_KB_FOLDER = new Map([
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['mdx', 'markdown'],
  ['txt', 'text'],
  ['rst', 'text'],
  ['html', 'html'],
  ['htm', 'html'],
]);

/** Folder names that say "these files are what the assistant knows". */
const KB_FOLDER = /^(?:kb|knowledge|knowledge[-_]?base|knowledgebase|corpus|rag|rag[-_]?docs|documents|help[-_]?center|helpcentre|faq|policies|sources?[-_]docs)$/i;

/** The knowledge-base folder a file sits in (its path up to and including that folder), if any. */
export function knowledgeFolder(rel: string): string | undefined {
  const parts = rel.split('/');
  for (let i = parts.length - 2; i >= 0; i--) if (KB_FOLDER.test(parts[i]!)) return parts.slice(0, i + 1).join('/');
  return undefined;
}

function formatOf(rel: string): string | undefined {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = base.slice(dot + 1).toLowerCase();
  return ALWAYS.get(ext) ?? (knowledgeFolder(rel) ? IN_KB_FOLDER.get(ext) : undefined);
}

export const documentsCollector: Collector = {
  id: 'documents',
  version: '1.0.0',
  wants: (rel) => formatOf(rel) !== undefined,
  async collect(file: FileInput, ctx: CollectContext) {
    const format = formatOf(file.rel);
    if (!format || file.size === 0) return;
    const head = await file.head();
    if (format === 'pdf' && head.subarray(0, 5).toString('latin1') !== '%PDF-') {
      ctx.warn('named .pdf but does not start with %PDF-: not read as a document');
      return;
    }
    if (format === 'docx' && !(head[0] === 0x50 && head[1] === 0x4b)) {
      ctx.warn('named .docx but is not a zip archive: not read as a document');
      return;
    }
    const name = file.rel.slice(file.rel.lastIndexOf('/') + 1);
    const collection = knowledgeFolder(file.rel);
    ctx.asset({ kind: 'dataset', key: file.rel, name, attrs: { format, role: 'document', sizeBytes: file.size, ...(collection ? { collection } : {}) } });
  },
};

export default documentsCollector;
