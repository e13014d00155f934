import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { issuesToFieldErrors, readableIssue } from '../lib/formErrors.ts';
import { errorText } from './QueryState.tsx';

/**
 * Shows a failed write where it belongs: field issues under their inputs, a version conflict
 * as "reload", anything else as a message. Returns true when it placed field errors.
 */
export function useServerErrors(form?: FormInstance, options: { strip?: string[] } = {}) {
  const { message } = App.useApp();
  const strip = options.strip;
  return useCallback(
    (error: unknown): boolean => {
      if (error instanceof ApiError) {
        if (error.code === 'VERSION_CONFLICT') {
          message.error('Someone else changed this record meanwhile. Reload the page and apply your change again.', 6);
          return false;
        }
        const issues = error.issues;
        if (form && issues.length > 0) {
          const { fields, unmatched } = issuesToFieldErrors(issues, undefined, strip);
          form.setFields(fields.map((f) => ({ ...f, errors: f.errors.map(readableIssue) })));
          if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
          const rest = unmatched.map((u) => `${u.field}: ${u.message}`).join('; ');
          message.error(rest || 'Please correct the highlighted fields.', 6);
          return true;
        }
      }
      message.error(errorText(error), 6);
      return false;
    },
    [form, message, strip],
  );
}
