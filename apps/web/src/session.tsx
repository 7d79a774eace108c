import { createContext, useContext } from 'react';
import type { User } from './api/client';

export interface SessionValue {
  me: User;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useMe(): User {
  return useContext(SessionContext)!.me;
}

export function isEditor(me: User): boolean {
  return me.role === 'editor' || me.role === 'admin';
}
