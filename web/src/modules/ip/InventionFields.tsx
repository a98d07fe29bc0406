// The fields of a disclosure, the same in the disclosure form and the overview's edit form: the
// title, the summary, the dates of conception and of one's own disclosure, and the inventors.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import type { InventionInput } from './api';
import { InventorsField, inventorsRule } from './InventorsField';
import type { InventorRow } from './model';

export interface InventionValues {
  title: string;
  summary?: string;
  conceived_on?: string;
  disclosed_on?: string;
  inventors: InventorRow[];
}

/** The fields a server error may name in these forms. */
export const INVENTION_FIELDS = ['title', 'summary', 'conceived_on', 'disclosed_on', 'inventors', 'project_id'];

export function toInventionInput(v: InventionValues): InventionInput {
  return {
    title: v.title.trim(),
    summary: v.summary ?? '',
    conceived_on: v.conceived_on || null,
    disclosed_on: v.disclosed_on || null,
    inventors: v.inventors.map((r) => ({ person_id: r.person_id, share_percent: r.share_percent ?? 0, ...(r.employer ? { employer: r.employer } : {}) })),
  };
}

export function InventionFields() {
  const { t } = useTranslation('ip');
  return (
    <>
      <Form.Item name="title" label={t('form.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input maxLength={300} data-testid="ip-title-input" />
      </Form.Item>
      <Form.Item name="summary" label={t('form.summary')} extra={t('form.summaryHelp')}>
        <Input.TextArea rows={4} maxLength={5000} data-testid="ip-summary-input" />
      </Form.Item>
      <div className="ip-form-row">
        <Form.Item name="conceived_on" label={t('form.conceivedOn')}>
          <DateField />
        </Form.Item>
        <Form.Item name="disclosed_on" label={t('form.disclosedOn')} extra={t('form.disclosedHelp')}>
          <DateField />
        </Form.Item>
      </div>
      <Form.Item name="inventors" label={t('form.inventors')} rules={[inventorsRule(t)]} extra={t('form.inventorsHelp')}>
        <InventorsField />
      </Form.Item>
    </>
  );
}
