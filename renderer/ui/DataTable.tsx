import type { ReactNode } from 'react';

/**
 * A table with its caption and column headings (`<th scope="col">`), the rows given as children: one
 * place for the markup every list table repeats.
 */
export function DataTable({
  caption,
  headings,
  testId,
  children,
}: {
  caption: ReactNode;
  headings: readonly ReactNode[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table className="table" data-testid={testId}>
      <caption>{caption}</caption>
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
