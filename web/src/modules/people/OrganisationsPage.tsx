import { App as AntApp, Button, Checkbox, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations, useUpdateOrganisation } from './api';
import { OrganisationFormModal, type OrganisationFormTarget } from './OrganisationFormModal';
import { buildOrgTree, type OrgNode } from './orgTree';
import { ActiveToggle } from './ActiveToggle';

const KIND_COLOURS: Record<string, string> = {
  university: 'geekblue',
  faculty: 'blue',
  department: 'cyan',
  hospital: 'magenta',
  company: 'green',
  division: 'lime',
  other: 'default',
};

type Row = Omit<OrgNode, 'children'> & { children?: Row[] };

function toRows(nodes: OrgNode[], showInactive: boolean): Row[] {
  return nodes
    .filter((node) => showInactive || node.active)
    .map((node) => {
      const children = toRows(node.children, showInactive);
      return { ...node, children: children.length ? children : undefined };
    });
}

function allIds(rows: Row[]): string[] {
  return rows.flatMap((row) => [row.id, ...(row.children ? allIds(row.children) : [])]);
}

export function OrganisationsPage() {
  const { t } = useTranslation(['people', 'shell']);
  const { message } = AntApp.useApp();
  const language = currentLanguage();
  const organisations = useOrganisations('all');
  const update = useUpdateOrganisation();
  const [showInactive, setShowInactive] = useState(false);
  const [target, setTarget] = useState<OrganisationFormTarget | null>(null);
  const [expanded, setExpanded] = useState<string[] | null>(null);

  const flat = useMemo(() => organisations.data ?? [], [organisations.data]);
  const rows = useMemo(() => toRows(buildOrgTree(flat), showInactive), [flat, showInactive]);
  const everyId = useMemo(() => allIds(rows), [rows]);

  // Open the whole tree the first time it arrives; after that, the admin decides. (Set while
  // rendering, the first render with the data, rather than in an effect one render later.)
  if (expanded === null && organisations.data) setExpanded(allIds(toRows(buildOrgTree(organisations.data), true)));

  const setActive = (org: Organisation, active: boolean) => {
    const name = displayName(org, language);
    update.mutate(
      { id: org.id, change: { active } },
      {
        onSuccess: () => message.success(t(active ? 'organisations.reactivated' : 'organisations.deactivated', { name })),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );
  };

  const otherLanguage = language === 'ja' ? 'en' : 'ja';
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: language === 'ja' ? t('organisations.nameJa') : t('organisations.nameEn'),
      render: (_, org) => (
        <span className="org-name">
          <Typography.Text strong={org.depth === 0} delete={!org.active}>
            {displayName(org, language)}
          </Typography.Text>
        </span>
      ),
    },
    {
      key: 'other',
      title: otherLanguage === 'ja' ? t('organisations.nameJa') : t('organisations.nameEn'),
      render: (_, org) => <Typography.Text type="secondary">{displayName(org, otherLanguage)}</Typography.Text>,
    },
    {
      key: 'kind',
      title: t('organisations.kind'),
      width: 130,
      render: (_, org) => <Tag color={KIND_COLOURS[org.kind] ?? 'default'}>{t(`kinds.${org.kind}`, { defaultValue: org.kind })}</Tag>,
    },
    {
      key: 'status',
      title: t('organisations.status'),
      width: 90,
      render: (_, org) => (org.active ? <Tag color="success">{t('status.active')}</Tag> : <Tag>{t('status.inactive')}</Tag>),
    },
    {
      key: 'actions',
      title: t('organisations.actions'),
      width: 1,
      render: (_, org) => {
        const name = displayName(org, language);
        return (
          <Space size={4} wrap={false}>
            <Tooltip title={t('organisations.addChild')}>
              <Button
                size="small"
                icon={<SubnodeOutlined />}
                aria-label={t('organisations.addChild')}
                disabled={!org.active}
                onClick={() => setTarget({ mode: 'create', parent: org })}
              />
            </Tooltip>
            <Tooltip title={t('organisations.edit')}>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={t('organisations.edit')}
                onClick={() => setTarget({ mode: 'edit', organisation: org })}
              />
            </Tooltip>
            <ActiveToggle
              active={org.active}
              texts={{
                deactivate: t('organisations.deactivate'),
                reactivate: t('organisations.reactivate'),
                confirmDeactivate: t('organisations.confirmDeactivate', { name }),
                confirmReactivate: t('organisations.confirmReactivate', { name }),
              }}
              onChange={(active) => setActive(org, active)}
            />
          </Space>
        );
      },
    },
  ];

  return (
    <div className="page">
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parent: null })}>
            {t('organisations.add')}
          </Button>
        }
      >
        {t('organisations.title')}
      </PageTitle>
      <div className="filter-bar">
        <Checkbox checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)}>
          {t('organisations.showInactive')}
        </Checkbox>
        <Button size="small" onClick={() => setExpanded(everyId)}>
          {t('organisations.expandAll')}
        </Button>
        <Button size="small" onClick={() => setExpanded([])}>
          {t('organisations.collapseAll')}
        </Button>
      </div>
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={organisations.isFetching}
        pagination={false}
        rowClassName={(org) => (org.active ? '' : 'row-inactive')}
        expandable={{
          expandedRowKeys: expanded ?? [],
          onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          indentSize: 24,
        }}
        locale={{ emptyText: organisations.isError ? errorMessage(organisations.error, t) : t('organisations.empty') }}
        scroll={{ x: 800 }}
        data-testid="organisation-tree"
      />
      <OrganisationFormModal target={target} organisations={flat} onClose={() => setTarget(null)} />
    </div>
  );
}
