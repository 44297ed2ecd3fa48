// Shell steps that write credentials into the job log: `echo $OPENAI_API_KEY`, `printf '%s' "${{ secrets.HF_TOKEN }}"`,
// a bare `env` / `printenv`, or a secret piped through an encoder (`| base64`), which defeats the CI's
// masking of known secret values. Read as text, line by line; nothing is executed.

const SEGMENT_SPLIT = /&&|\|\||;/;
const PRINTERS = new Set(['echo', 'printf', 'print', 'cat']);
const DUMP_ALL = new Set(['env', 'printenv', 'export -p', 'set']);
// Commands that pass what they read on to the log: filters, pagers and encoders (whose output the CI's
// masking no longer recognises). Anything else (docker login --password-stdin) consumes the value.
const PASS_ON = new Set(['sort', 'uniq', 'grep', 'head', 'tail', 'cat', 'tee', 'less', 'more', 'column', 'jq', 'sed', 'awk', 'cut', 'tr', 'base64', 'xxd', 'od', 'rev', 'hexdump', 'openssl']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,200}$/;
const REF = /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

export interface PrintedSecret {
  /** The variable or CI secret name; `*` for a dump of the whole environment. */
  name: string;
  line?: number;
}

/**
 * Credentials a script prints. `isCredential` decides which `$NAME` references are credentials; CI
 * secrets (`${{ secrets.X }}`) always are. `firstLine` is the script's first line in the file.
 */
export function printedSecrets(script: string, firstLine: number | undefined, isCredential: (name: string) => boolean): PrintedSecret[] {
  const out: PrintedSecret[] = [];
  script.split('\n').forEach((text, i) => {
    const line = firstLine !== undefined ? firstLine + i : undefined;
    for (const segment of text.split(SEGMENT_SPLIT)) {
      // `a | b | c`: what the first command prints reaches the log only through commands that pass it on
      const stages = segment.replace(/\$\{\{[^}]*\}\}/g, (m) => m.replace(/\|/g, ' ')).split('|');
      const words = stages[0]!.split(/\s/).filter(Boolean);
      const reachesLog = stages.slice(1).every((st) => PASS_ON.has(st.split(/\s/).filter(Boolean)[0] ?? '')) && !/(?:^|[^2])>/.test(stages[stages.length - 1]!.replace(/\$\{\{[^}]*\}\}/g, ''));
      if (!reachesLog) continue;
      if (DUMP_ALL.has(words.join(' '))) {
        out.push({ name: '*', line });
        continue;
      }
      if (words[0] === 'printenv' && words.length === 2 && NAME.test(words[1]!) && isCredential(words[1]!)) {
        out.push({ name: words[1]!, line });
        continue;
      }
      const cmd = words[0] === 'sudo' ? words[1] : words[0];
      if (!cmd || !PRINTERS.has(cmd) || (cmd === 'cat' && !stages[0]!.includes('<<'))) continue;
      // `echo "::add-mask::$VALUE"` is how a step asks GitHub to mask a value, not a leak
      if (segment.includes('::add-mask::')) continue;
      for (const m of stages[0]!.matchAll(REF)) {
        const name = m[1] ?? m[2] ?? m[3]!;
        if (m[1] || isCredential(name)) out.push({ name, line });
      }
    }
  });
  return out;
}
