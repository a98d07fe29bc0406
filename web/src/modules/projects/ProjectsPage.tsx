// Joint research projects: search and filter the list, and propose a new one.
import { Button, Card, Empty, Input, Select, Space, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useAreas, useProjects, type Project, type ProjectFilters } from './api';
import { areaName, StageTag, StatusTag } from './components';
import { KINDS, STAGES } from './model';
import { IntroductionProposal } from './IntroductionProposal';
import { ProposeProjectModal } from './ProposeProjectModal';

export function projectTitle(p: { title_ja: string; title_en: string }, language: 'ja' | 'en') {
  return language === 'ja' ? p.title_ja || p.title_en : p.title_en || p.title_ja;
}

export function ProjectsPage({ me }: { me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ProjectFilters>({});
  const [proposing, setProposing] = useState(false);
  const [params, setParams] = useSearchParams();
  const introductionId = params.get('introduction');
  const projects = useProjects(filters);
  const areas = useAreas();
  const set = (patch: ProjectFilters) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="page">
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose-open">
            {t('propose.open')}
          </Button>
        }
      >
        {t('list.title')}
      </PageTitle>
      <Card>
        <Space wrap className="list-filters" style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('list.search')} onSearch={(q) => set({ q })} style={{ width: 240 }} />
          <Select
            allowClear
            placeholder={t('field.stage')}
            style={{ width: 160 }}
            onChange={(stage?: string) => set({ stage })}
            options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('field.kind')}
            style={{ width: 160 }}
            onChange={(kind?: string) => set({ kind })}
            options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t('field.area')}
            style={{ width: 200 }}
            onChange={(area?: string) => set({ area })}
            options={(areas.data ?? []).map((a) => ({ value: a.code, label: displayName(a, language) }))}
          />
          <Select
            allowClear
            placeholder={t('field.status')}
            style={{ width: 140 }}
            onChange={(status?: string) => set({ status })}
            options={['proposed', 'active', 'rejected', 'closed'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <Space>
            <Switch size="small" checked={!!filters.mine} onChange={(mine) => set({ mine: mine || undefined })} />
            <span>{t('list.mine')}</span>
          </Space>
        </Space>
        {projects.isError ? (
          <Typography.Text type="danger">{errorMessage(projects.error, t)}</Typography.Text>
        ) : (
          <ResponsiveTable<Project>
            cardTestId="project-card"
            rowKey="id"
            size="middle"
            loading={projects.isFetching}
            dataSource={projects.data ?? []}
            locale={{ emptyText: <Empty description={t('list.empty')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            onRow={(p) => ({ onClick: () => navigate(`/projects/${p.id}`), style: { cursor: 'pointer' } })}
            columns={[
              {
                key: 'title',
                card: 'title',
                title: t('field.title'),
                render: (_, p) => (
                  <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()}>
                    {projectTitle(p, language)}
                  </Link>
                ),
              },
              { key: 'kind', title: t('field.kind'), render: (_, p) => t(`kind.${p.kind}`), width: 140 },
              { key: 'area', title: t('field.area'), render: (_, p) => areaName(areas.data, p.area_code, language), width: 160 },
              { key: 'stage', title: t('field.stage'), render: (_, p) => <StageTag stage={p.stage} />, width: 140 },
              { key: 'status', title: t('field.status'), render: (_, p) => <StatusTag status={p.status} />, width: 100 },
              { key: 'pi', title: t('field.pi'), render: (_, p) => displayName(p.pi, language), width: 130 },
              { key: 'lead', title: t('field.companyLead'), render: (_, p) => displayName(p.company_lead, language), width: 130 },
            ]}
          />
        )}
      </Card>
      {introductionId && (
        <IntroductionProposal
          me={me}
          introductionId={introductionId}
          onClose={() => setParams({}, { replace: true })}
          onCreated={(p) => navigate(`/projects/${p.id}`)}
        />
      )}
      <ProposeProjectModal
        me={me}
        open={proposing}
        onClose={() => setProposing(false)}
        onCreated={(p) => {
          setProposing(false);
          navigate(`/projects/${p.id}`);
        }}
      />
    </div>
  );
}
