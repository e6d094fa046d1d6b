import { Stack } from '@mantine/core';
import type { ComponentType } from 'react';
import { useParams } from 'react-router';
import { type Capability, useCan } from '../lib/role.ts';
import { RoleGate } from './RoleGate.tsx';
import { ContainerStreamHeader } from './StreamHeader.tsx';

/** A container view (terminal, files) that shows, if the signed-in role may not use it, the container's header and the reason. */
export const gateContainerView = (capability: Capability, View: ComponentType) =>
  function ContainerViewGate() {
    const { id = '' } = useParams();
    const permission = useCan(capability);
    if (permission.allowed) return <View />;
    return (
      <Stack gap="sm">
        <ContainerStreamHeader id={id} />
        <RoleGate permission={permission}>{null}</RoleGate>
      </Stack>
    );
  };
