import { useOutletContext } from 'react-router';
import type { ContainerInspect } from '../../lib/docker/containers.ts';

/** What every detail tab gets from the detail page: the container's id and its inspect data. */
export interface ContainerDetailContext {
  engine: string;
  id: string;
  container: ContainerInspect;
}

export const useContainerDetail = () => useOutletContext<ContainerDetailContext>();
