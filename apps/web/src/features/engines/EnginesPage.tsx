import { Button, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState } from '../../components/QueryState.tsx';
import { enginesQuery } from '../../lib/engines.ts';
import { gated, useCan } from '../../lib/role.ts';
import { EngineCard } from './EngineCard.tsx';
import { EngineFormModal } from './EngineFormModal.tsx';

/** All engines (`/engines`): each engine's health, versions, counts and last error; admins add, edit, test, remove. */
export function EnginesPage() {
  const engines = useQuery(enginesQuery());
  const manage = useCan('engine.manage');
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Group justify="space-between" mb="md">
        <div>
          <Title order={2}>All engines</Title>
          <Text size="sm" c="dimmed">
            Health is checked every 2 s; open an engine to see its views.
          </Text>
        </div>
        <Button {...gated(manage)} onClick={() => setAdding(true)}>
          Add engine
        </Button>
      </Group>
      <QueryState isPending={engines.isPending} error={engines.error}>
        {engines.data?.length === 0 && <Text c="dimmed">No engines yet{manage.allowed ? ': add one.' : '.'}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {engines.data?.map((e) => (
            <EngineCard key={e.id} id={e.id} initial={e} manage={manage} />
          ))}
        </SimpleGrid>
      </QueryState>
      {adding && <EngineFormModal opened onClose={() => setAdding(false)} />}
    </>
  );
}
