// /surveys: the office's surveys (drafts, open, closed, imported), newest first, with the builder
// for a new one. Anyone else sees the surveys sent to them.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Result, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../shell/api';
import { hasAnyRole } from '../../shell/roles';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { useSurveys, type SurveySummary } from './api';
import { pick } from './model';
import { emptyInput, SurveyBuilder } from './SurveyBuilder';
import './surveys.css';

export function StatusTag({ survey }: { survey: Pick<SurveySummary, 'status' | 'source'> }) {
  const { t } = useTranslation('surveys');
  const colour = survey.status === 'open' ? 'green' : survey.status === 'draft' ? 'default' : 'blue';
  return (
    <>
      <Tag color={colour}>{t(`status.${survey.status}`)}</Tag>
      {survey.source === 'imported' && <Tag color="purple">{t('imported.tag')}</Tag>}
    </>
  );
}

export function SurveysPage({ me }: { me: Me }) {
  const { t } = useTranslation('surveys');
  const language = currentLanguage();
  const navigate = useNavigate();
  const surveys = useSurveys();
  const [building, setBuilding] = useState(false);
  const manage = hasAnyRole(me.roles, ['office', 'admin']);
  if (surveys.isError) return <Result status="warning" title={errorMessage(surveys.error, t)} />;
  return (
    <div className="page" data-testid="surveys-page">
      <PageTitle>{t('page.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{manage ? t('page.intro') : t('page.introRespondent')}</Typography.Paragraph>
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setBuilding(true)} style={{ marginBottom: 12 }} data-testid="survey-new">
          {t('page.new')}
        </Button>
      )}
      <Table<SurveySummary>
        rowKey="id"
        loading={surveys.isPending}
        dataSource={surveys.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('list.title'), key: 'title', render: (_, s) => <Link to={`/surveys/${s.id}`}>{pick(language, s.title_ja, s.title_en)}</Link> },
          { title: t('list.status'), key: 'status', render: (_, s) => <StatusTag survey={s} /> },
          { title: t('list.closesOn'), dataIndex: 'closes_on', render: (v: string | null) => v ?? '—' },
          {
            title: t('list.answered'),
            key: 'answered',
            render: (_, s) => (s.source === 'imported' ? `n = ${s.imported?.sample_size ?? '—'}` : `${s.answered} / ${s.recipients}`),
          },
          { title: t('list.questions'), dataIndex: 'questions_total' },
        ]}
      />
      {building && (
        <SurveyBuilder
          open
          surveyId={null}
          initial={emptyInput()}
          onClose={() => setBuilding(false)}
          onSaved={(id) => {
            setBuilding(false);
            void navigate(`/surveys/${id}`);
          }}
        />
      )}
    </div>
  );
}
