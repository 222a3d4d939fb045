import type { ReactNode } from 'react';

/**
 * A table with its caption and column headings (`<th scope="col">`), the rows given as children: one
 * place for the markup every list table repeats. `className` adds to the "table" class; a live
 * caption (`aria-live="polite"`) announces counts that change with filters.
 */
export function DataTable({
  caption,
  headings,
  testId,
  className,
  captionClassName,
  liveCaption = false,
  children,
}: {
  caption: ReactNode;
  headings: readonly ReactNode[];
  testId?: string;
  className?: string;
  captionClassName?: string;
  liveCaption?: boolean;
  children: ReactNode;
}) {
  return (
    <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
      <caption className={captionClassName} aria-live={liveCaption ? 'polite' : undefined}>
        {caption}
      </caption>
      <thead>
        <tr>
          {headings.map((heading, index) => (
            <th key={index} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
