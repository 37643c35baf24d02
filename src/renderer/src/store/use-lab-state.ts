/** The lab's state in a component, re-rendered on every change of it (not on samples or segments). */
import { useSyncExternalStore } from 'react';
import type { LabState } from './lab-state';
import type { LabStore } from './lab-store';

export function useLabState(store: LabStore): LabState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
