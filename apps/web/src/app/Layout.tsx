import { ActionIcon, AppShell, Badge, Burger, Group, Text, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { Navigate, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { RouteErrorBoundary } from '../components/RouteErrorBoundary.tsx';
import { meQuery } from '../lib/auth.ts';
import { infoQuery, objectCountsQuery } from '../lib/docker/system.ts';
import { imagesQuery } from '../lib/docker/image-list.ts';
import { enginePath, viewPathOf } from '../lib/engine-paths.tsx';
import { useEngine, useEngineStatus } from '../lib/engine-status.tsx';
import { permission, useRole } from '../lib/role.ts';
import { EngineSwitcher } from './EngineSwitcher.tsx';
import { navItems } from './nav-items.ts';
import { Shortcuts } from './shortcuts.tsx';
import { lazyChunk } from '../lib/lazy-chunk.ts';

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={() => setColorScheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      {scheme === 'dark' ? '☀' : '☾'}
    </ActionIcon>
  );
}

/**
 * The account menu (Mantine Menu, with Floating UI): not part of the first load. Fetched when the
 * pointer or focus reaches its button, and open from the first click on.
 */
const loadAccountMenu = () => import('./AccountMenu.tsx');
const prefetchAccountMenu = () => void loadAccountMenu().catch(() => undefined);
const AccountMenu = lazyChunk(loadAccountMenu);

function UserMenu() {
  const me = useQuery(meQuery());
  const [menu, setMenu] = useState(false);
  const button = (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={`Account ${me.data?.username ?? ''}`}
      w="auto"
      px="xs"
      onPointerEnter={prefetchAccountMenu}
      onFocus={prefetchAccountMenu}
      onClick={() => setMenu(true)}
    >
      <Text size="sm">{me.data?.username}</Text>
    </ActionIcon>
  );
  if (!menu) return button;
  return (
    <Suspense fallback={button}>
      <AccountMenu username={me.data?.username ?? ''} role={me.data?.role ?? ''} />
    </Suspense>
  );
}

/** A notice of the layout (`Notices.tsx`, its own chunk: fetched only when one shows). */
export const LazyNotice = lazyChunk(() => import('./Notices.tsx'));

/**
 * A user signed in with a password they did not choose (generated on the first start, or set by an
 * admin) may do nothing else until they change it — the server answers everything else 403 — so
 * every view sends them to Settings, where the password form says why.
 */
function FirstPasswordBanner() {
  const me = useQuery(meQuery());
  const location = useLocation();
  if (!me.data?.mustChangePassword || location.pathname === '/settings') return null;
  return <Navigate to="/settings#password" replace />;
}

/** While the current engine cannot be reached, the views say so; they refetch by themselves when it is back. */
function EngineDownBanner() {
  const { engine, connection, message } = useEngineStatus();
  if (connection !== 'engine-down') return null;
  return (
    <Suspense>
      <LazyNotice kind="engine-down" engine={engine} message={message} />
    </Suspense>
  );
}

function useNavCounts(): Record<string, string | undefined> {
  const engine = useEngine();
  const info = useQuery(infoQuery(engine));
  const counts = useQuery(objectCountsQuery(engine));
  // The images view's own list (not `/info`'s Images, which counts intermediate build images too).
  const images = useQuery(imagesQuery(engine));
  return {
    '/containers': info.data ? `${info.data.ContainersRunning}/${info.data.Containers}` : undefined,
    '/images': images.data ? String(images.data.length) : undefined,
    '/volumes': counts.data ? String(counts.data.volumes) : undefined,
    '/networks': counts.data ? String(counts.data.networks) : undefined,
  };
}

/** The first Tab stop: past the header and the navigation, straight to the view (`<main>` takes focus). */
function SkipLink() {
  return (
    <a className="skip-link" href="#main-content">
      Skip to content
    </a>
  );
}

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const counts = useNavCounts();
  const location = useLocation();
  const role = useRole();
  const engine = useEngine();
  const view = viewPathOf(location.pathname);
  const swarmManager = useQuery(infoQuery(engine)).data?.Swarm?.ControlAvailable === true;
  const items = navItems(swarmManager).filter((item) => !item.can || permission(role, item.can).allowed);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        {/* One line at any width (it wrapped at 390 px and covered the page title): no wrapping, and
            the wordmark gives way on a phone. */}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={800} size="lg" visibleFrom="xs" style={{ whiteSpace: 'nowrap' }}>
              ◉ Porthole
            </Text>
            <EngineSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {items.map((item) => (
          <RouterNavLink
            key={item.to}
            className="nav-link"
            to={enginePath(engine, item.to)}
            end={item.to === '/' || item.to === '/engines'}
            onClick={close}
            data-active={(item.to === '/' ? view === '/' : (view ?? location.pathname).startsWith(item.to)) || undefined}
          >
            <span>{item.label}</span>
            {counts[item.to] && (
              <Badge size="sm" variant="light" color="gray" aria-label={`${counts[item.to]} ${item.label}`}>
                {counts[item.to]}
              </Badge>
            )}
          </RouterNavLink>
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <FirstPasswordBanner />
        {view !== undefined && <EngineDownBanner />}
        <RouteErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </RouteErrorBoundary>
      </AppShell.Main>
      <Shortcuts />
    </AppShell>
  );
}
