import { useEffect } from 'react';

/** Sets the document title (WCAG 2.4.2 Page Titled) as "<page> – Waymark". */
export function usePageTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} – Waymark`;
  }, [page]);
}
