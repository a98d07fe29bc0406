// Small shared pieces of the ethics pages: tags, the office's sub-navigation, a due date that
// turns red when overdue, the holiday warning and a picker of several people.
import { Form, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me, Person } from '../../shell/api';
import { DateField } from '../../shell/DateField';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { usePeople } from '../people/api';
import type { PersonRef } from './api';
import { CATEGORY_COLOURS, STATUS_COLOURS, type Category, type Status } from './model';

export const isOffice = (me: Me) => hasAnyRole(me.roles, ['office', 'admin']);
/** Who may start a protocol from the list (the server checks the project membership). */
export const mayPropose = (me: Me) => hasAnyRole(me.roles, ['clinician', 'researcher', 'office', 'admin']);

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation('ethics');
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid="ethics-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: Category }) {
  const { t } = useTranslation('ethics');
  return <Tag color={CATEGORY_COLOURS[category] ?? 'default'}>{t(`categories.${category}`)}</Tag>;
}

export function SubNav({ me }: { me: Me }) {
  const { t } = useTranslation('ethics');
  if (!isOffice(me)) return null;
  return (
    <nav className="ethics-subnav">
      <Space wrap>
        <Link to="/ethics">{t('title')}</Link>
        <Link to="/ethics/deadlines" data-testid="nav-ethics-deadlines">
          {t('nav.deadlines')}
        </Link>
        <Link to="/ethics/committees" data-testid="nav-ethics-committees">
          {t('nav.committees')}
        </Link>
      </Space>
    </nav>
  );
}

/** A due date: red once it has passed without a filing. */
export function DueDate({ due, overdue }: { due: string; overdue: boolean }) {
  const { t } = useTranslation('ethics');
  if (!overdue) return <span className="nowrap">{due}</span>;
  return (
    <Space size={4} wrap>
      <Typography.Text type="danger" strong className="nowrap">
        {due}
      </Typography.Text>
      <Tag color="red">{t('deadlines.overdue')}</Tag>
    </Space>
  );
}

export function HolidayWarning() {
  const { t } = useTranslation('ethics');
  return (
    <Tooltip title={t('deadlines.holiday')}>
      <Typography.Text type="warning" data-testid="ethics-holiday">
        <WarningOutlined /> {t('deadlines.holiday')}
      </Typography.Text>
    </Tooltip>
  );
}

/** Searches people by name or e-mail (GET /api/people?q=) and keeps several; those already chosen stay listed. */
export function PeopleSelect({ value, onChange, known, testId }: { value?: string[]; onChange?: (v: string[]) => void; known?: PersonRef[]; testId?: string }) {
  const language = currentLanguage();
  const [q, setQ] = useState('');
  const people = usePeople({ q, active: 'true' });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    const add = (p: Person | PersonRef, extra = '') => {
      if (seen.has(p.id)) return;
      seen.add(p.id);
      out.push({ value: p.id, label: displayName(p, language) + extra });
    };
    for (const p of known ?? []) add(p);
    for (const p of people.data ?? []) add(p, 'email' in p && p.email ? ` (${p.email})` : '');
    return out;
  }, [people.data, known, language]);
  return (
    <Select
      mode="multiple"
      showSearch
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      onSearch={setQ}
      filterOption={false}
      options={options}
      loading={people.isFetching}
      data-testid={testId}
    />
  );
}

/** The planned period, target enrolment and sites: the same fields in the new-protocol form and the overview's edit form. */
export function PlanFields() {
  const { t } = useTranslation('ethics');
  return (
    <>
      <div className="ethics-form-row">
        <Form.Item name="planned_start" label={t('form.plannedStart')}>
          <DateField />
        </Form.Item>
        <Form.Item name="planned_end" label={t('form.plannedEnd')}>
          <DateField />
        </Form.Item>
        <Form.Item name="target_enrolment" label={t('form.target')}>
          <InputNumber min={0} max={10_000_000} style={{ width: 160 }} />
        </Form.Item>
      </div>
      <Form.Item name="sites" label={t('form.sites')} extra={t('form.sitesHelp')}>
        <Select mode="tags" open={false} tokenSeparators={[',', '、']} suffixIcon={null} />
      </Form.Item>
    </>
  );
}
