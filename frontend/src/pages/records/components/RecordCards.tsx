import { Empty, Spin, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

interface Column<T> {
  key?: unknown;
  title?: unknown;
  dataIndex?: unknown;
  render?: (v: unknown, r: T, n: number) => unknown;
}

function cell<T extends { id: number }>(column: Column<T>, row: T, n: number): ReactNode {
  const key = typeof column.dataIndex === 'string' ? column.dataIndex : undefined;
  const value = key ? (row as Record<string, unknown>)[key] : undefined;
  const shown = column.render ? column.render(value, row, n) : value;
  return (shown ?? '—') as ReactNode;
}

/**
 * A list as cards on a phone: each record one card with its columns as `title value` lines, opening the record
 * on a tap. The same columns as the desktop table, so nothing is defined twice.
 */
export function RecordCards<T extends { id: number }>({ rows, columns, loading, onOpen, testId }: {
  rows: T[];
  columns: TableColumnsType<T>;
  loading: boolean;
  onOpen: (row: T) => void;
  testId: string;
}) {
  if (loading && !rows.length) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid={testId} />;
  return (
    <ul className="zs-cards" data-testid={testId}>
      {rows.map((row, n) => (
        <li key={row.id} className="zs-card">
          <button type="button" className="zs-card-open" onClick={() => onOpen(row)} aria-label={`#${row.id}`} />
          <dl>
            {(columns as unknown as Column<T>[]).map((c, i) => (
              <div key={String(c.key ?? c.dataIndex ?? i)}>
                <dt>{typeof c.title === 'function' ? null : (c.title as ReactNode)}</dt>
                <dd>{cell(c, row, n)}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
