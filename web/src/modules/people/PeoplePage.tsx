import { App as AntApp, Button, Input, Segmented, Select, Space, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Person } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { compareNames, displayName, nameSortKey } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ROLES } from '../../shell/roles';
import { RoleTags } from '../../shell/RoleTags';
import { useOrganisations, usePeople, useUpdatePerson, type ActiveFilter } from './api';
import { buildOrgTree, toTreeSelectData } from './orgTree';
import { ActiveToggle } from './ActiveToggle';
import { PersonFormModal } from './PersonFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

export function PeoplePage({ me }: { me: Me }) {
  const { t } = useTranslation(['people', 'shell']);
  const { message } = AntApp.useApp();
  const language = currentLanguage();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [organisationId, setOrganisationId] = useState<string | undefined>();
  const [active, setActive] = useState<ActiveFilter>('true');
  const [editing, setEditing] = useState<Person | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Person | null>(null);

  const people = usePeople({ q: q || undefined, role, organisation_id: organisationId, active });
  const organisations = useOrganisations('all');
  const update = useUpdatePerson();

  const orgTreeData = useMemo(
    () =>
      toTreeSelectData(buildOrgTree(organisations.data ?? []), language, {
        includeInactive: true,
        inactiveSuffix: `(${t('status.inactive')})`,
      }),
    [organisations.data, language, t],
  );

  const setActiveState = (person: Person, value: boolean) => {
    const name = displayName(person, language);
    update.mutate(
      { id: person.id, change: { active: value } },
      {
        onSuccess: () => message.success(t(value ? 'people.reactivated' : 'people.deactivated', { name })),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );
  };

  const columns: ColumnsType<Person> = [
    {
      key: 'name',
      title: t('people.name'),
      sorter: (a, b) => compareNames(nameSortKey(a, language), nameSortKey(b, language), language),
      defaultSortOrder: 'ascend',
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, person) => (
        <div className="person-name">
          <div>
            <Typography.Text strong>{displayName(person, language)}</Typography.Text>
            {person.id === me.id && <Tag style={{ marginInlineStart: 8 }}>{t('people.you')}</Tag>}
          </div>
          <Typography.Text type="secondary" className="person-subname">
            {language === 'ja' ? [person.name_kana, person.name_en].filter(Boolean).join(' / ') : person.name_ja}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'email', title: t('people.email'), dataIndex: 'email', render: (email: string) => <span className="email">{email}</span> },
    {
      key: 'organisation',
      title: t('people.organisation'),
      render: (_, person) => displayName(person.organisation, language),
    },
    { key: 'roles', title: t('people.roles'), render: (_, person) => <RoleTags roles={person.roles} /> },
    {
      key: 'status',
      title: t('people.status'),
      width: 90,
      render: (_, person) => (person.active ? <Tag color="success">{t('status.active')}</Tag> : <Tag color="default">{t('status.inactive')}</Tag>),
    },
    {
      key: 'actions',
      title: t('people.actions'),
      width: 1,
      render: (_, person) => {
        const name = displayName(person, language);
        return (
          <Space size={4} wrap={false}>
            <Tooltip title={t('people.edit')}>
              <Button size="small" icon={<EditOutlined />} aria-label={t('people.edit')} onClick={() => setEditing(person)} />
            </Tooltip>
            <Tooltip title={t('people.resetPassword')}>
              <Button size="small" icon={<LockOutlined />} aria-label={t('people.resetPassword')} onClick={() => setResetting(person)} />
            </Tooltip>
            <ActiveToggle
              active={person.active}
              texts={{
                deactivate: t('people.deactivate'),
                reactivate: t('people.reactivate'),
                confirmDeactivate: t('people.confirmDeactivate', { name }),
                confirmReactivate: t('people.confirmReactivate', { name }),
              }}
              onChange={(active) => setActiveState(person, active)}
              blockedReason={person.id === me.id ? t('people.cannotDeactivateSelf') : undefined}
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
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="add-person">
            {t('people.add')}
          </Button>
        }
      >
        {t('people.title')}
      </PageTitle>
      <div className="filter-bar">
        <Input.Search
          allowClear
          placeholder={t('people.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 300 }}
          aria-label={t('people.searchPlaceholder')}
        />
        <Select
          allowClear
          placeholder={t('people.filterRole')}
          value={role}
          onChange={setRole}
          style={{ width: 190 }}
          options={ROLES.map((value) => ({ value, label: t(`shell:roles.${value}`) }))}
          aria-label={t('people.filterRole')}
        />
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('people.filterOrganisation')}
          value={organisationId}
          onChange={(value) => setOrganisationId(value ?? undefined)}
          treeData={orgTreeData}
          treeDefaultExpandAll
          style={{ width: 260 }}
          aria-label={t('people.filterOrganisation')}
        />
        <Segmented<ActiveFilter>
          value={active}
          onChange={setActive}
          options={[
            { value: 'true', label: t('people.statusActive') },
            { value: 'false', label: t('people.statusInactive') },
            { value: 'all', label: t('people.statusAll') },
          ]}
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {people.data ? t('people.count', { count: people.data.length }) : null}
        </Typography.Text>
      </div>
      <ResponsiveTable<Person>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={people.data ?? []}
        loading={people.isFetching}
        rowClassName={(person) => (person.active ? '' : 'row-inactive')}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: people.isError ? errorMessage(people.error, t) : t('people.empty') }}
        scroll={{ x: 900 }}
      />
      <PersonFormModal
        open={creating || editing !== null}
        person={editing}
        organisations={organisations.data ?? []}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ResetPasswordModal person={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
