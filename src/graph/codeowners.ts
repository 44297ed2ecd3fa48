// CODEOWNERS: gitignore-style patterns, the last matching line wins (GitHub's rule).

import ignore from 'ignore';

interface Rule {
  match: (file: string) => boolean;
  owners: string[];
}

export const CODEOWNERS_PATHS = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

export class CodeOwners {
  private rules: Rule[] = [];

  constructor(text: string) {
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!line || line.startsWith('[')) continue; // GitLab section headers
      const [pattern, ...owners] = line.split(/\s+/);
      if (!pattern) continue;
      const ig = ignore().add(pattern);
      this.rules.push({ match: (f) => f !== '' && (ig.ignores(f) || ig.ignores(f + '/')), owners });
    }
  }

  ownersOf(file: string): string[] {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      if (this.rules[i].match(file)) return this.rules[i].owners;
    }
    return [];
  }
}
