import type { HTMLAttributes, ReactNode } from 'react';
import { Button, Table, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { removeAt, updateAt } from './rows';
import { usePT } from './i18n';

// The one table every section editor uses: a row per entry, inputs in the cells, a delete button per row
// and an add button under it. Rows are keyed by position: a key taken from the code would remount the
// code input (and lose the cursor) on every keystroke.

export interface RowColumn<T> {
  key: string;
  title: ReactNode;
  width?: number;
  render: (row: T, set: (patch: Partial<T>) => void, index: number) => ReactNode;
}

export interface EditableRowsProps<T extends object> {
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  columns: RowColumn<T>[];
  /** A new row to append; without it the rows are fixed (no add or delete). */
  newRow?: () => T;
  addLabel?: string;
  /** Rows that may not be removed below this count (the schema's minimum). */
  minRows?: number;
  /** Rows the validator complains about, tinted so the administrator finds them. */
  errorRows?: ReadonlySet<number>;
  testId: string;
}

export function EditableRows<T extends object>({ rows, onChange, columns, newRow, addLabel, minRows = 0, errorRows, testId }: EditableRowsProps<T>) {
  const { t } = usePT();
  const data = rows.map((row, i) => ({ row, i }));
  const set = (i: number) => (patch: Partial<T>) => onChange(updateAt(rows, i, patch));
  return (
    <div data-testid={testId}>
      <Table<{ row: T; i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={data}
        scroll={{ x: 'max-content' }}
        onRow={({ i }) => ({ style: errorRows?.has(i) ? { background: '#fff1f0' } : {}, 'data-row': i }) as HTMLAttributes<HTMLElement>}
        columns={[
          ...columns.map((c) => ({
            key: c.key,
            title: c.title,
            width: c.width,
            render: (_: unknown, r: { row: T; i: number }) => c.render(r.row, set(r.i), r.i),
          })),
          ...(newRow
            ? [
                {
                  key: '_remove',
                  title: '',
                  width: 48,
                  render: (_: unknown, r: { row: T; i: number }) => (
                    <Tooltip title={t('removeRow', { n: r.i + 1 })}>
                      <Button
                        size="small"
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('removeRow', { n: r.i + 1 })}
                        disabled={rows.length <= minRows}
                        onClick={() => onChange(removeAt(rows, r.i))}
                      />
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
      {newRow ? (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => onChange([...rows, newRow()])}
          data-testid={`${testId}-add`}
        >
          {addLabel ?? t('add')}
        </Button>
      ) : null}
    </div>
  );
}
