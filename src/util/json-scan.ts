// Finds the text of a JSON object embedded in binary data (a Keras config inside an HDF5 file), by
// balancing braces outside strings. Bounded by the buffer it is given; nothing is evaluated.

export function jsonObjectTextAt(buf: Buffer, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return buf.toString('utf8', start, i + 1);
  }
  return undefined;
}
