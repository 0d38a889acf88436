import { Input, InputNumber, Select, Switch, Tooltip, Typography } from 'antd';
import { codeLocked } from './rows';
import type { RowColumn } from './EditableRows';
import type { Option } from './options';
import { usePT } from './i18n';

// Column builders for EditableRows: the cells the section editors share (code, text, pick list, number,
// yes/no). Each writes its field through the row's `set`, so every editor produces the same section
// value the JSON path would.

type Key<T> = keyof T & string;

/** The code column: typed for a new row, fixed for an entry the previous revision already had. */
export function codeColumn<T extends object>(field: Key<T>, rows: readonly T[], baseCodes: ReadonlySet<string>, title: string): RowColumn<T> {
  const codes = rows.map((r) => String(r[field] ?? ''));
  return {
    key: field,
    title,
    render: (row, set) => {
      const code = String(row[field] ?? '');
      if (codeLocked(code, baseCodes, codes)) return <LockedCode code={code} />;
      return (
        <Input
          size="small"
          value={code}
          onChange={(e) => set({ [field]: e.target.value.trim() } as Partial<T>)}
          style={{ width: 120 }}
          data-testid="row-code"
        />
      );
    },
  };
}

function LockedCode({ code }: { code: string }) {
  const { t } = usePT();
  return (
    <Tooltip title={t('codeLocked')}>
      <Typography.Text code>{code}</Typography.Text>
    </Tooltip>
  );
}

export function textColumn<T extends object>(field: Key<T>, title: string, width = 180): RowColumn<T> {
  return {
    key: field,
    title,
    render: (row, set) => (
      <Input
        size="small"
        value={String(row[field] ?? '')}
        onChange={(e) => set({ [field]: e.target.value } as Partial<T>)}
        style={{ width }}
        data-testid={`row-${field}`}
      />
    ),
  };
}

export function numberColumn<T extends object>(field: Key<T>, title: string, width = 110): RowColumn<T> {
  return {
    key: field,
    title,
    render: (row, set) => (
      <InputNumber
        size="small"
        min={0}
        value={row[field] as number}
        onChange={(v) => set({ [field]: Number(v ?? 0) } as Partial<T>)}
        style={{ width }}
        data-testid={`row-${field}`}
      />
    ),
  };
}

export function switchColumn<T extends object>(field: Key<T>, title: string): RowColumn<T> {
  return {
    key: field,
    title,
    render: (row, set) => (
      <Switch size="small" checked={row[field] === true} onChange={(v) => set({ [field]: v } as Partial<T>)} data-testid={`row-${field}`} />
    ),
  };
}

interface SelectOpts {
  options: Option[];
  /** Optional field: clearing it removes the field (single) or the list (multiple). */
  placeholder?: string;
  width?: number;
}

/** One value picked from a list; with a placeholder the field is optional and can be cleared. */
export function selectColumn<T extends object>(field: Key<T>, title: string, o: SelectOpts): RowColumn<T> {
  return {
    key: field,
    title,
    render: (row, set) => (
      <Select
        size="small"
        style={{ width: o.width ?? 150 }}
        value={(row[field] as string | undefined) ?? null}
        placeholder={o.placeholder}
        allowClear={o.placeholder !== undefined}
        options={o.options}
        onChange={(v: string | null | undefined) => set({ [field]: v ?? undefined } as Partial<T>)}
        data-testid={`row-${field}`}
      />
    ),
  };
}

/** Several values picked from a list; none picked drops the list when the field is optional ("all"). */
export function multiColumn<T extends object>(field: Key<T>, title: string, o: SelectOpts): RowColumn<T> {
  return {
    key: field,
    title,
    render: (row, set) => (
      <MultiSelect
        value={(row[field] as string[] | undefined) ?? []}
        options={o.options}
        placeholder={o.placeholder}
        width={o.width}
        testId={`row-${field}`}
        onChange={(v) => set({ [field]: v.length || o.placeholder === undefined ? v : undefined } as Partial<T>)}
      />
    ),
  };
}

export function MultiSelect({
  value,
  options,
  placeholder,
  width,
  testId,
  onChange,
}: {
  value: string[];
  options: Option[];
  placeholder?: string;
  width?: number;
  testId?: string;
  onChange: (v: string[]) => void;
}) {
  return (
    <Select
      size="small"
      mode="multiple"
      style={{ width: width ?? 200 }}
      value={value}
      placeholder={placeholder}
      options={options}
      onChange={onChange}
      data-testid={testId}
    />
  );
}
