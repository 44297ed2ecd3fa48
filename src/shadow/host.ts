// Destination hosts as logs write them (`https://api.openai.com/v1/chat`, `api.openai.com:443`,
// `Chat.OpenAI.com.`, `[2001:db8::1]:443`) reduced to the bare lower-case name the catalogue matches.

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The host of a URL, `host:port` or bare name; undefined for empty values, IP literals stay as they are. */
export function hostOf(raw: string | undefined): string | undefined {
  if (!raw || raw === '-') return undefined;
  let s = raw.trim();
  const scheme = s.indexOf('://');
  if (scheme > 0 && scheme < 12) s = s.slice(scheme + 3);
  // cut the path, query and fragment, then any user info
  let end = s.length;
  for (const c of ['/', '?', '#']) {
    const i = s.indexOf(c);
    if (i >= 0 && i < end) end = i;
  }
  s = s.slice(0, end);
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    return close > 0 ? s.slice(1, close).toLowerCase() : undefined;
  }
  const colon = s.indexOf(':');
  // one colon is a port; more than one is an unbracketed IPv6 literal
  if (colon >= 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon);
  if (s.endsWith('.')) s = s.slice(0, -1);
  return s ? s.toLowerCase() : undefined;
}

/** IP literals never match a catalogue of names; skipping them early saves the label walk. */
export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.includes(':');
}

/** A URL without its query string and fragment: queries carry tokens and personal data. */
export function withoutQuery(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}
