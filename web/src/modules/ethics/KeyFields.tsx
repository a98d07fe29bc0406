// The protocol's fields the application is filled from, as a reader checks them before submitting.
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useIsPhone } from '../../shell/responsive';
import type { Protocol } from './api';
import { titleOf } from './model';

export function KeyFields({ protocol: p }: { protocol: Protocol }) {
  const { t } = useTranslation('ethics');
  const language = currentLanguage();
  const phone = useIsPhone();
  const none = t('application.notYet');
  const subs = p.investigators.filter((i) => i.role === 'sub').map((i) => displayName(i.person, language));
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={phone ? 'vertical' : 'horizontal'}
      styles={{ label: { width: phone ? undefined : 200 }, content: { overflowWrap: 'anywhere' } }}
      data-testid="ethics-key-fields"
      items={[
        { key: 'title', label: t('form.titleJa'), children: p.title_ja || none },
        ...(p.title_en ? [{ key: 'title_en', label: t('form.titleEn'), children: p.title_en }] : []),
        { key: 'project', label: t('form.project'), children: titleOf({ title_ja: p.project_title_ja, title_en: p.project_title_en }, language) },
        { key: 'category', label: t('form.category'), children: t(`categories.${p.category}`) },
        {
          key: 'committee',
          label: t('form.committee'),
          children: displayName({ name_ja: p.committee_name_ja, name_en: p.committee_name_en }, language) || none,
        },
        { key: 'review', label: t('form.reviewType'), children: t(`reviewTypes.${p.review_type}`) },
        { key: 'pi', label: t('columns.pi'), children: displayName(p.pi, language) },
        ...(subs.length ? [{ key: 'subs', label: t('overview.subs'), children: subs.join('、') }] : []),
        {
          key: 'period',
          label: t('overview.period'),
          children: p.planned_start || p.planned_end ? `${p.planned_start ?? none} – ${p.planned_end ?? none}` : none,
        },
        { key: 'target', label: t('form.target'), children: p.target_enrolment ?? none },
        { key: 'sites', label: t('form.sites'), children: p.sites.length ? p.sites.join('、') : none },
      ]}
    />
  );
}
