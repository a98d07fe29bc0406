// A labelled, clearable filter of a list page (KPI, deadlines): "all" when empty; `search` lets the
// user type to narrow long lists (projects, people, organisations) by their label.
import { Select } from 'antd';
import type { SelectProps } from 'antd';

type Props<T extends string> = {
  className: string;
  label: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  options: SelectProps['options'];
  placeholder: string;
  search?: boolean;
  testId: string;
};

export function FilterSelect<T extends string>({ className, label, value, onChange, options, placeholder, search, testId }: Props<T>) {
  return (
    <label className={className}>
      <span>{label}</span>
      <Select
        allowClear
        showSearch={search}
        optionFilterProp={search ? 'label' : undefined}
        value={value}
        placeholder={placeholder}
        onChange={(v?: T) => onChange(v)}
        options={options}
        popupMatchSelectWidth={false}
        data-testid={testId}
      />
    </label>
  );
}
