// Turning ApiError into words a user can act on, and putting field errors on the right field.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from './api';

export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'network':
        return t('shell:errors.network');
      case 'forbidden':
        return t('shell:errors.forbidden');
      case 'not_found':
        return t('shell:errors.notFound');
      case 'conflict':
        return t('shell:errors.conflict', { message: error.message });
      case 'invalid':
        return t('shell:errors.invalid', { message: error.message });
      case 'too_many_requests':
        return t('shell:errors.tooManyRequests');
      case 'unauthenticated':
        return t('shell:errors.sessionExpired');
      default:
        return t('shell:errors.unexpected', { status: error.status });
    }
  }
  return t('shell:errors.unexpected', { status: '?' });
}

/**
 * Shows a 422/409 error on the form field the server named. Returns false when the error
 * does not belong to a field of this form, so the caller can show it elsewhere.
 * `messages` maps a field to a clearer text than the server's, where we know one.
 */
export function showFieldError(form: FormInstance, error: unknown, t: TFunction, fields: readonly string[], messages: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const field = error.field;
  if (!fields.includes(field)) return false;
  let text = messages[field];
  if (!text) {
    text = error.code === 'conflict' ? t('shell:errors.conflict', { message: error.message }) : t('shell:errors.invalid', { message: error.message });
  }
  form.setFields([{ name: field, errors: [text] }]);
  form.scrollToField?.(field);
  return true;
}
