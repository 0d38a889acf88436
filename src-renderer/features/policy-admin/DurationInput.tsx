import { InputNumber, Select, Space } from 'antd';
import type { Duration, StageDef } from '../../../src-shared/domain/policy';
import { usePT } from './i18n';

// A time limit (amount and unit) and a clock, as the stage limits and callback rules both store them.

const UNITS = ['minutes', 'hours', 'days', 'workingDays', 'months'] as const;
const CLOCKS = ['natural', 'working-days', 'business-hours'] as const;

export function DurationInput({ value, onChange, testId }: { value: Duration; onChange: (v: Duration) => void; testId?: string }) {
  const { t } = usePT();
  return (
    <Space size={4} data-testid={testId}>
      <InputNumber size="small" min={0.01} style={{ width: 80 }} value={value?.amount} onChange={(v) => onChange({ ...value, amount: Number(v ?? 0) })} />
      <Select
        size="small"
        style={{ width: 100 }}
        value={value?.unit}
        onChange={(unit) => onChange({ ...value, unit })}
        options={UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
    </Space>
  );
}

export function ClockSelect({ value, onChange }: { value: StageDef['clock']; onChange: (v: StageDef['clock']) => void }) {
  const { t } = usePT();
  return <Select size="small" style={{ width: 110 }} value={value} onChange={onChange} options={CLOCKS.map((c) => ({ value: c, label: t(`clock.${c}`) }))} />;
}
