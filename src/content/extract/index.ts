// Text out of document formats the detectors read: PDF and DOCX here, HTML through the PII detector's own
// document mode, everything else as UTF-8. Used by `aispm detect` and the content stage for RAG documents.

import { extractDocxText } from './docx.js';
import { extractPdfText } from './pdf.js';

export { DocumentFormatError } from './docx.js';

export type DocumentFormat = 'pdf' | 'docx' | 'text';

/** Recognised by bytes first (a renamed file is still read right), then by extension. */
export function documentFormat(head: Uint8Array, name: string): DocumentFormat {
  if (head.length >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (zip && /\.docx$/i.test(name)) return 'docx';
  return 'text';
}

export async function extractText(bytes: Uint8Array, name: string): Promise<{ text: string; format: DocumentFormat; pages?: number }> {
  const format = documentFormat(bytes.subarray(0, 8), name);
  if (format === 'pdf') return { ...(await extractPdfText(bytes)), format };
  if (format === 'docx') return { text: extractDocxText(bytes), format };
  return { text: Buffer.from(bytes).toString('utf8'), format };
}
