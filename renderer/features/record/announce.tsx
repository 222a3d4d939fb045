/** One polite status line per record page, for saves whose form is replaced by the saved values. */
import { createContext, useContext, useState, type ReactNode } from 'react';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}

export function AnnounceProvider({ children }: { children: (message: string) => ReactNode }) {
  const [message, setMessage] = useState('');
  return <AnnounceContext value={setMessage}>{children(message)}</AnnounceContext>;
}
