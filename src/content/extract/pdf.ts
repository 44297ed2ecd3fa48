// PDF text with unpdf (Mozilla's pdf.js in its serverless build): text per page, pages joined by form feeds so
// offsets stay meaningful. pdf.js never runs a document's JavaScript, and fonts are not loaded.

import { DocumentFormatError } from './docx.js';

const MAX_PAGES = 2000;

export async function extractPdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const { getDocumentProxy } = await import('unpdf');
  let doc;
  try {
    // pdf.js transfers (detaches) the buffer it is given: hand it a copy
    doc = await getDocumentProxy(new Uint8Array(bytes), { disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  } catch (e) {
    throw new DocumentFormatError(`not a readable PDF: ${(e as Error).message}`);
  }
  try {
    const pages = Math.min(doc.numPages, MAX_PAGES);
    const texts: string[] = [];
    for (let i = 1; i <= pages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      texts.push(lines.join('\n'));
      page.cleanup();
    }
    return { text: texts.join('\n\f\n'), pages: doc.numPages };
  } finally {
    await doc.loadingTask.destroy();
  }
}
