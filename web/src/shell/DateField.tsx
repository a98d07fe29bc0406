// The app's own date field (Ant Design's DatePicker, in the UI's language) for a value kept as text:
// "YYYY-MM-DD", or "YYYY-MM" for a month. Used wherever a date is asked, never the browser's own
// <input type="date"> (which shows mm/dd/yyyy or whatever the browser's locale says).
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

type Props = Omit<DatePickerProps, 'value' | 'onChange' | 'picker' | 'format'> & {
  value?: string | null;
  onChange?: (value: string) => void;
  picker?: 'date' | 'month';
};

export function DateField({ value, onChange, picker = 'date', style, ...rest }: Props) {
  const format = picker === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  const parsed = value ? dayjs(value, format) : null;
  return (
    // Enter takes the typed date and closes the calendar; it does not also send the form around it.
    <span
      style={{ display: 'contents' }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
    >
      <DatePicker
        {...rest}
        picker={picker}
        format={format}
        value={parsed?.isValid() ? parsed : null}
        onChange={(date) => onChange?.(date && !Array.isArray(date) ? date.format(format) : '')}
        style={{ width: '100%', maxWidth: 200, ...style }}
      />
    </span>
  );
}
