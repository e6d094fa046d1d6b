import { Kbd, Modal, Table } from '@mantine/core';
import { NAV_ITEMS } from './nav-items.ts';

/** The `?` modal: every keyboard shortcut. */
export default function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>
              <Kbd>/</Kbd>
            </Table.Td>
            <Table.Td>Focus the filter</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              <Kbd>Ctrl</Kbd> <Kbd>K</Kbd>
            </Table.Td>
            <Table.Td>Command palette: go to any view, container, image, network or volume</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              <Kbd>↑</Kbd> <Kbd>↓</Kbd> <Kbd>Enter</Kbd>
            </Table.Td>
            <Table.Td>Move between a list's rows, open one</Table.Td>
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
