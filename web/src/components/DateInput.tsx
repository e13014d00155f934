import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import type { CSSProperties } from 'react';
import { DATE_DISPLAY_FORMAT } from '../lib/format.ts';

// Typed dates are read with the formats below, and ISO values strictly.
dayjs.extend(customParseFormat);

/** The dayjs format of a month as the app writes it ("Sep 2026"), like monthLabel. */
const MONTH_DISPLAY_FORMAT = 'MMM YYYY';

/**
 * Typed text the input understands besides its display format: ISO first (2026-03-31, 2026-03),
 * then day-first numbers as people in Europe write them.
 */
const DAY_INPUT_FORMATS = [DATE_DISPLAY_FORMAT, 'YYYY-MM-DD', 'D/M/YYYY', 'D.M.YYYY', 'D MMMM YYYY'];
const MONTH_INPUT_FORMATS = [MONTH_DISPLAY_FORMAT, 'YYYY-MM', 'M/YYYY', 'MMMM YYYY'];

export interface DateInputProps {
  /** An ISO day (2026-03-31), or with `month` an ISO month (2026-03); null when empty. */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** A whole month instead of a day. */
  month?: boolean;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** The earliest and latest day (or month) that may be chosen, ISO. */
  min?: string;
  max?: string;
  style?: CSSProperties;
}

/**
 * The one date input of the app: a calendar to pick from, or typed text (ISO or day-first). It
 * shows days as every page writes them (formatDate: "31 Mar 2026") and hands the form an ISO
 * string, so form values, API bodies and validation never meet a date object.
 */
export function DateInput({ value, onChange, month = false, min, max, style, allowClear = true, ...props }: DateInputProps) {
  const iso = month ? 'YYYY-MM' : 'YYYY-MM-DD';
  const unit = month ? 'month' : 'day';
  const parsed = value ? dayjs(value, iso, true) : null;
  const minDay = min ? dayjs(min) : null;
  const maxDay = max ? dayjs(max) : null;
  return (
    <DatePicker
      {...props}
      picker={month ? 'month' : 'date'}
      value={parsed?.isValid() ? parsed : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(iso) : null)}
      format={month ? MONTH_INPUT_FORMATS : DAY_INPUT_FORMATS}
      placeholder={props.placeholder ?? (month ? 'Month, e.g. 2027-01' : 'Date, e.g. 2027-01-31')}
      allowClear={allowClear}
      disabledDate={
        minDay || maxDay
          ? (d: Dayjs) => Boolean((minDay && d.isBefore(minDay, unit)) || (maxDay && d.isAfter(maxDay, unit)))
          : undefined
      }
      style={{ width: '100%', ...style }}
    />
  );
}
