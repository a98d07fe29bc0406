// On a need's or seed's page: the projects it led to (GET /api/projects?need= / ?seed=; members
// see them in full, others the public summary of active projects).
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../shell/i18n';
import { useProjects } from './api';
import { StageTag, StatusTag } from './components';
import { projectTitle } from './ProjectsPage';

export function LinkedProjects({ kind, id }: { kind: 'need' | 'seed'; id: string }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const projects = useProjects(kind === 'need' ? { need: id } : { seed: id });
  const items = projects.data ?? [];
  return (
    <Card title={t('links.projects')} size="small" data-testid="linked-projects">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{projects.isPending ? '…' : t('links.noProjects')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          rowKey="id"
          renderItem={(p) => (
            <List.Item>
              <Link to={`/projects/${p.id}`}>{projectTitle(p, language)}</Link> <StageTag stage={p.stage} />
              {p.status !== 'active' && <StatusTag status={p.status} />}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
