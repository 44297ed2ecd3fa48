// DOCX text: the body of `word/document.xml` (plus headers, footers, footnotes and comments, where hidden
// instructions like to sit) read from the zip with fflate and parsed with fast-xml-parser. Paragraphs become lines;
// tabs and breaks become whitespace. Bounded: entries past MAX_XML_BYTES inflated are refused, not read.

import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

const MAX_XML_BYTES = 64 << 20;
const PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

export class DocumentFormatError extends Error {}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  processEntities: true,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
});

/** Walks the ordered XML tree: characters only inside text runs (`w:t`), tabs and breaks as whitespace, a newline
 * after each paragraph. Field codes and deleted (tracked) text are not the document's content. */
function collect(nodes: Node[], out: string[], inText = false): void {
  for (const node of nodes) {
    for (const [tag, value] of Object.entries(node)) {
      if (tag === ':@') continue;
      if (tag === '#text') {
        if (inText) out.push(String(value));
        continue;
      }
      const local = tag.slice(tag.indexOf(':') + 1);
      if (local === 'tab') out.push('\t');
      else if (local === 'br' || local === 'cr') out.push('\n');
      else if (local !== 'instrText' && local !== 'delText' && Array.isArray(value)) collect(value as Node[], out, local === 't');
      if (local === 'p') out.push('\n');
    }
  }
}

export function extractDocxText(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!PARTS.test(f.name)) return false;
        if (f.originalSize > MAX_XML_BYTES) throw new DocumentFormatError(`${f.name} inflates to ${f.originalSize} bytes (limit ${MAX_XML_BYTES})`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocumentFormatError) throw e;
    throw new DocumentFormatError(`not a readable DOCX (zip): ${(e as Error).message}`);
  }
  if (!files['word/document.xml']) throw new DocumentFormatError('not a DOCX: no word/document.xml');
  const order = Object.keys(files).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
  const out: string[] = [];
  for (const name of order) {
    const xml = Buffer.from(files[name]!).toString('utf8');
    let tree: Node[];
    try {
      tree = parser.parse(xml) as Node[];
    } catch (e) {
      throw new DocumentFormatError(`${name}: ${(e as Error).message}`);
    }
    collect(tree, out);
  }
  return out.join('').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
