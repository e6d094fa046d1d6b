import { Kbd, Modal, Table } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { NAV_ITEMS } from './nav-items.ts';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.xterm'));

/**
 * Keyboard shortcuts: `/` focuses the view's filter (an input marked `data-shortcut="filter"`),
 * `g` then a letter opens a view, `?` lists the shortcuts.
 */
export function Shortcuts() {
  const navigate = useNavigate();
  const [help, setHelp] = useState(false);
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '/') {
        const filter = document.querySelector<HTMLInputElement>('[data-shortcut="filter"]');
        if (filter) {
          e.preventDefault();
          filter.focus();
        }
      } else if (e.key === '?') {
        setHelp(true);
      } else if (e.key === 'g') {
        pendingG.current = Date.now();
      } else if (Date.now() - pendingG.current < 1500) {
        pendingG.current = 0;
        const item = NAV_ITEMS.find((i) => i.key === e.key);
        if (item) navigate(item.to);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <Modal opened={help} onClose={() => setHelp(false)} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>
              <Kbd>/</Kbd>
            </Table.Td>
            <Table.Td>Focus the filter</Table.Td>
          </Table.Tr>
          {NAV_ITEMS.filter((i) => i.key).map((i) => (
            <Table.Tr key={i.to}>
              <Table.Td>
                <Kbd>g</Kbd> <Kbd>{i.key}</Kbd>
              </Table.Td>
              <Table.Td>Go to {i.label}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              <Kbd>?</Kbd>
            </Table.Td>
            <Table.Td>This list</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
