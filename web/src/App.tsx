// Which view a path shows. The graph explorer (cytoscape) is loaded only when it is opened.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Shell } from './components/Shell.js';
import { Empty, Loading } from './components/ui.js';
import { Link, matchPath, useLocation } from './router.js';
import { useSession } from './session.js';
import { AssetPage } from './views/AssetPage.js';
import { Compliance } from './views/Compliance.js';
import { Findings } from './views/Findings.js';
import { Inventory } from './views/Inventory.js';
import { Overview } from './views/Overview.js';
import { Runtime } from './views/Runtime.js';
import { Settings } from './views/Settings.js';
import { SignIn } from './views/SignIn.js';

const GraphView = lazy(() => import('./views/Graph.js').then((m) => ({ default: m.GraphView })));

const TITLES: Array<[string, string]> = [
  ['/inventory', 'Inventory'], ['/assets/', 'Asset'], ['/findings', 'Findings'], ['/graph', 'Graph explorer'],
  ['/compliance', 'Compliance'], ['/runtime', 'Runtime'], ['/settings', 'Settings'],
];

function View({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/') return <Overview />;
  if (path === '/inventory') return <Inventory />;
  if ((m = matchPath('/assets/:id', path))) return <AssetPage key={m.id} id={m.id} />;
  if (path === '/findings') return <Findings />;
  if ((m = matchPath('/findings/:fingerprint', path))) return <Findings fingerprint={m.fingerprint} />;
  if (path === '/graph') return <Suspense fallback={<Loading what="Loading the graph explorer" />}><GraphView /></Suspense>;
  if (path === '/compliance') return <Compliance />;
  if (path === '/runtime') return <Runtime />;
  if (path === '/settings') return <Settings />;
  if ((m = matchPath('/settings/:tab', path))) return <Settings tab={m.tab} />;
  return <div className="view"><Empty title="Page not found" action={<Link to="/">Go to the overview</Link>}>Nothing lives at {path}.</Empty></div>;
}

export function App() {
  const { status } = useSession();
  const loc = useLocation();
  useEffect(() => {
    const t = TITLES.find(([p]) => loc.path.startsWith(p))?.[1] ?? 'Overview';
    document.title = `${t} · aispm`;
  }, [loc.path]);
  // moving to another view puts keyboard focus at its start (screen readers announce the new page); opening an item
  // within the same view (a finding beside the queue) leaves focus where it is
  const section = loc.path.split('/')[1];
  const lastSection = useRef(section);
  useEffect(() => {
    if (lastSection.current !== section) document.getElementById('main')?.focus({ preventScroll: true });
    lastSection.current = section;
  }, [section]);
  if (status === 'loading') return <Loading what="Starting" />;
  if (status === 'signed-out') return <SignIn />;
  return <Shell><View path={loc.path} /></Shell>;
}
