import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It takes the focus when a page opens, so a screen reader announces the new
 * page and the next Tab starts from its top, and it names the browser tab.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} · Wedding feature requests`;
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
