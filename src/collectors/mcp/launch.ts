// What package an MCP server launcher runs: `npx -y @scope/server@1.2.3`, `uvx mcp-server-git==0.6`,
// `pipx run pkg`, `docker run ... image:tag`. The version decides whether the server is pinned.

export interface LaunchedPackage {
  runner: string;
  ecosystem: 'npm' | 'pypi' | 'docker';
  package: string;
  version?: string;
  pinned: boolean;
}

/** Flags that consume the following argument, per runner (anything else starting with `-` stands alone). */
const VALUE_FLAGS: Record<string, Set<string>> = {
  npm: new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig']),
  pypi: new Set(['--from', '--with', '--with-requirements', '--python', '-p', '--index-url', '--index', '--extra-index-url', '--spec', '--pip-args']),
  docker: new Set([
    '-e', '--env', '--env-file', '-v', '--volume', '--mount', '-p', '--publish', '--name', '--network', '--net', '-w', '--workdir',
    '-u', '--user', '--entrypoint', '--platform', '-l', '--label', '--add-host', '--cpus', '-m', '--memory', '--pull', '--user-ns', '--hostname', '-h',
  ]),
};

/** Flags whose value is itself the package to run (`npx -p pkg cmd`, `uvx --from pkg cmd`, `pipx run --spec pkg`). */
const PACKAGE_FLAGS: Record<string, Set<string>> = { npm: new Set(['-p', '--package']), pypi: new Set(['--from', '--spec']), docker: new Set() };

/** Recognises the runner and the arguments that follow it (`npm exec`, `pnpm dlx`, `uv tool run`, `cmd /c npx`). */
function runnerOf(command: string, args: string[]): { runner: string; ecosystem: LaunchedPackage['ecosystem']; rest: string[] } | undefined {
  const exe = command.split(/[\\/]/).pop()!.toLowerCase().replace(/\.(?:cmd|exe|bat)$/, '');
  if ((exe === 'cmd' || exe === 'cmd.exe') && /^\/c$/i.test(args[0] ?? '')) return args[1] ? runnerOf(args[1], args.slice(2)) : undefined;
  if (exe === 'npx' || exe === 'bunx') return { runner: exe, ecosystem: 'npm', rest: args };
  if ((exe === 'pnpm' || exe === 'yarn') && args[0] === 'dlx') return { runner: `${exe} dlx`, ecosystem: 'npm', rest: args.slice(1) };
  if (exe === 'npm' && (args[0] === 'exec' || args[0] === 'x')) return { runner: 'npm exec', ecosystem: 'npm', rest: args.slice(1) };
  if (exe === 'uvx') return { runner: 'uvx', ecosystem: 'pypi', rest: args };
  if (exe === 'uv' && args[0] === 'tool' && args[1] === 'run') return { runner: 'uv tool run', ecosystem: 'pypi', rest: args.slice(2) };
  if (exe === 'pipx' && args[0] === 'run') return { runner: 'pipx run', ecosystem: 'pypi', rest: args.slice(1) };
  if ((exe === 'docker' || exe === 'podman') && args[0] === 'run') return { runner: `${exe} run`, ecosystem: 'docker', rest: args.slice(1) };
  return undefined;
}

export function launchedPackage(command: string | undefined, args: string[]): LaunchedPackage | undefined {
  if (!command) return undefined;
  const r = runnerOf(command, args);
  if (!r) return undefined;
  const valueFlags = VALUE_FLAGS[r.ecosystem]!;
  let spec: string | undefined;
  for (let i = 0; i < r.rest.length; i++) {
    const a = r.rest[i]!;
    if (a === '--') {
      spec ??= r.rest[i + 1];
      break;
    }
    if (a.startsWith('-')) {
      const [flag, inline] = a.split(/=(.*)/s, 2) as [string, string | undefined];
      const value = inline ?? (valueFlags.has(flag) ? r.rest[++i] : undefined);
      if (PACKAGE_FLAGS[r.ecosystem]!.has(flag) && value) {
        spec = value;
        break;
      }
      continue;
    }
    spec = a;
    break;
  }
  if (!spec) return undefined;
  const split = r.ecosystem === 'npm' ? splitNpm(spec) : r.ecosystem === 'pypi' ? splitPypi(spec) : splitImage(spec);
  return { runner: r.runner, ecosystem: r.ecosystem, ...split, pinned: isPinned(r.ecosystem, split.version) };
}

function splitNpm(spec: string): { package: string; version?: string } {
  const at = spec.indexOf('@', 1);
  return at < 0 ? { package: spec } : { package: spec.slice(0, at), version: spec.slice(at + 1) || undefined };
}

function splitPypi(spec: string): { package: string; version?: string } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:(?:@|===?)\s*(\S+)|([<>~!]=?.*))?$/.exec(spec);
  if (!m) return { package: spec };
  return { package: m[1]!, version: m[2] ?? m[3] };
}

function splitImage(spec: string): { package: string; version?: string } {
  const digest = spec.indexOf('@');
  if (digest > 0) return { package: spec.slice(0, digest), version: spec.slice(digest + 1) };
  const colon = spec.lastIndexOf(':');
  if (colon > spec.lastIndexOf('/')) return { package: spec.slice(0, colon), version: spec.slice(colon + 1) };
  return { package: spec };
}

/** Only an exact version or digest pins what runs; `latest`, ranges and tags like `main` move. */
function isPinned(eco: LaunchedPackage['ecosystem'], version: string | undefined): boolean {
  if (!version) return false;
  if (eco === 'docker') return version.startsWith('sha256:') || /^v?\d+\.\d+(?:\.\d+)?(?:[-.][\w.]+)?$/.test(version);
  return /^v?\d+(?:\.\d+)*(?:[-+.][0-9A-Za-z.-]+)?$/.test(version);
}
