import { Modal, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { containerListQuery } from '../lib/docker/containers.ts';
import { imagesQuery } from '../lib/docker/image-list.ts';
import { networksQuery } from '../lib/docker/networks.ts';
import { infoQuery } from '../lib/docker/system.ts';
import { volumesQuery } from '../lib/docker/volumes.ts';
import { useEngine } from '../lib/engine-status.tsx';
import { enginesQuery } from '../lib/engines.ts';
import { fuzzyFilter } from '../lib/fuzzy-match.ts';
import { permission, useRole } from '../lib/role.ts';
import { navItems } from './nav-items.ts';
import { type PaletteItem, paletteItems } from './palette-items.ts';
import './palette.css';

/** What the palette can jump to, for the current engine (read when it opens: its own chunk). */
function usePaletteItems(): PaletteItem[] {
  const engine = useEngine();
  const role = useRole();
  const { pathname } = useLocation();
  const info = useQuery(infoQuery(engine));
  const engines = useQuery(enginesQuery());
  const containers = useQuery(containerListQuery(engine));
  const images = useQuery(imagesQuery(engine));
  const networks = useQuery(networksQuery(engine));
  const volumes = useQuery(volumesQuery(engine));
  const can = (c: Parameters<typeof permission>[1]) => permission(role, c).allowed;
  const nav = navItems(info.data?.Swarm?.ControlAvailable === true).filter((n) => !n.can || can(n.can));
  return paletteItems({
    engine,
    pathname,
    nav,
    engines: engines.data,
    containers: containers.data,
    images: images.data,
    networks: networks.data,
    volumes: volumes.data,
    canCreate: can('container.create'),
    canTerminal: can('container.terminal'),
  });
}

/**
 * The command palette (Ctrl/Cmd-K, `shortcuts.tsx`): type to find a view, an action, or a
 * container, image, network or volume of the current engine; ↑/↓ choose, Enter goes, Esc closes
 * (focus goes back where it was). A combobox (the input) controlling a listbox (the results).
 */
export default function CommandPalette(props: {
  opened: boolean;
  onClose: () => void;
  /** Focused again when the palette closes without going anywhere. */
  returnFocus: React.RefObject<HTMLElement | null>;
}) {
  const { opened, onClose, returnFocus } = props;
  const items = usePaletteItems();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => fuzzyFilter(items, query, (i) => `${i.label} ${i.kind}`), [items, query]);
  const current = Math.min(active, shown.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  const went = useRef(false);
  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    went.current = true;
    onClose();
    navigate(item.to);
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, to));
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      move(current + step);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(shown[current]);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Go to…"
      size="lg"
      yOffset="10vh"
      returnFocus={false}
      onExitTransitionEnd={() => {
        setQuery('');
        if (!went.current && returnFocus.current?.isConnected) returnFocus.current.focus();
        went.current = false;
      }}
      styles={{ body: { paddingBottom: 8 } }}
    >
      <TextInput
        data-autofocus
        aria-label="Search views, containers, images, networks, volumes and actions"
        placeholder="Containers, images, networks, volumes, views, actions…"
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label="Results" className="palette-list">
        {shown.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys (aria-activedescendant)
          <div
            key={item.id}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === current}
            className="palette-option"
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => go(item)}
          >
            <Text size="sm" truncate>
              {item.label}
            </Text>
            <Text size="xs" c="dimmed" className="palette-kind">
              {item.kind}
            </Text>
          </div>
        ))}
        {shown.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            Nothing matches "{query}". Try part of a name, or a view such as "images".
          </Text>
        )}
      </div>
    </Modal>
  );
}
