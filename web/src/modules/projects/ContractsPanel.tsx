// The contracts tab of a project: its contracts (type, status, parties, term) with a link to each.
// The list comes from GET /api/contracts?project_id=…, which returns only the contracts the viewer
// may see (the contracts service decides), so nothing here is filtered or hidden by the UI.
import { Alert, Card, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { useContracts, type ContractSummary, type Status } from '../contracts/api';
import { partyNames, STATUS_COLOURS } from '../contracts/logic';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

// In force first, then those still being worked on (furthest along first), ended ones last.
const RANK: Record<Status, number> = {
  active: 0,
  signed: 1,
  approved: 2,
  negotiating: 3,
  internal_review: 4,
  draft: 5,
  expired: 6,
  terminated: 7,
};

/** The project's contracts in the order the tab shows them: by status rank, then by title. */
export function orderProjectContracts(items: ContractSummary[]): ContractSummary[] {
  return [...items].sort((a, b) => RANK[a.status] - RANK[b.status] || a.title.localeCompare(b.title, 'ja'));
}

/** "2026-04-01 – 2028-03-31", one side open ("2026-04-01 –"), or "" without a term. */
export function termText(c: Pick<ContractSummary, 'starts_on' | 'ends_on'>): string {
  if (!c.starts_on && !c.ends_on) return '';
  return `${c.starts_on ?? ''} – ${c.ends_on ?? ''}`.trim();
}

/** `hideWhenEmpty`: render nothing unless the viewer may see at least one contract (the summary view). */
export function ContractsPanel({ projectId, me, hideWhenEmpty = false }: { projectId: string; me: Me; hideWhenEmpty?: boolean }) {
  const { t } = useTranslation('contracts');
  const language = currentLanguage();
  const list = useContracts({ project_id: projectId });
  if (list.isPending) return hideWhenEmpty ? null : <Spin />;
  if (list.isError) return hideWhenEmpty ? null : <Alert type="error" showIcon message={errorMessage(list.error, t)} />;
  const items = orderProjectContracts(list.data.items);
  if (hideWhenEmpty && items.length === 0) return null;
  const seesAll = hasAnyRole(me.roles, ['office', 'admin', 'committee']);
  const body = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="project-contracts">
      <ResponsiveTable<ContractSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        scroll={{ x: true }}
        locale={{ emptyText: t('project.empty') }}
        columns={[
          {
            title: t('columns.title'),
            key: 'title',
            render: (_: unknown, c) => <Link to={`/contracts/${c.id}`}>{c.title}</Link>,
          },
          { title: t('columns.type'), key: 'type', render: (_: unknown, c) => t(`types.${c.type}`) },
          {
            title: t('columns.status'),
            key: 'status',
            render: (_: unknown, c) => <Tag color={STATUS_COLOURS[c.status]}>{t(`statuses.${c.status}`)}</Tag>,
          },
          { title: t('columns.parties'), key: 'parties', render: (_: unknown, c) => partyNames(c, language) },
          { title: t('columns.term'), key: 'term', render: (_: unknown, c) => termText(c) },
        ]}
      />
      {seesAll && (
        <Typography.Text>
          <Link to={`/contracts?project_id=${encodeURIComponent(projectId)}`} data-testid="project-contracts-list">
            {t('project.openList')}
          </Link>
        </Typography.Text>
      )}
    </Space>
  );
  return hideWhenEmpty ? (
    <Card size="small" title={t('nav.contracts')} style={{ marginTop: 16 }}>
      {body}
    </Card>
  ) : (
    body
  );
}
