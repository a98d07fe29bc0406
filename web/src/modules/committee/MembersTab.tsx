// The committee's roll: each member's side (university / company), organisation and term. The
// office and admins add a member (a person holding the committee role), change side and term, and
// remove one (PUT / DELETE /api/committee/members/{person_id}).
import { App, Button, Card, Empty, Form, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { DateField } from '../../shell/DateField';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { committeeApi, useCandidates, useCommitteeAction, useMembers, type Member } from './api';
import { SideTag, showMappedError } from './components';
import { SIDES, formatDate, tokyoDate, type Side } from './model';

export function MembersTab({ me }: { me: Me }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message } = App.useApp();
  const members = useMembers();
  const keeper = me.roles.includes('office') || me.roles.includes('admin');
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const remove = useCommitteeAction((personId: string) => committeeApi.removeMember(personId));
  const inTerm = (members.data ?? []).filter((m) => m.in_term);
  return (
    <Card
      title={t('tabs.members')}
      extra={
        keeper && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="member-add">
            {t('members.add')}
          </Button>
        )
      }
    >
      {members.data && (
        <Typography.Paragraph type="secondary" data-testid="members-summary">
          {t('members.summary', {
            count: inTerm.length,
            university: inTerm.filter((m) => m.side === 'university').length,
            company: inTerm.filter((m) => m.side === 'company').length,
          })}
        </Typography.Paragraph>
      )}
      {members.isError ? (
        <Typography.Text type="danger">{errorMessage(members.error, t)}</Typography.Text>
      ) : (
        <ResponsiveTable<Member>
          rowKey={(m) => m.person.id}
          cardTestId="member-card"
          data-testid="member-list"
          loading={members.isFetching}
          dataSource={members.data ?? []}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: <Empty description={t('members.empty')} /> }}
          columns={[
            { key: 'name', card: 'title', title: t('field.name'), render: (_, m) => displayName(m.person, language) },
            { key: 'side', title: t('field.side'), width: 90, render: (_, m) => <SideTag side={m.side} /> },
            {
              key: 'org',
              title: t('field.organisation'),
              render: (_, m) => displayName({ name_ja: m.organisation_ja, name_en: m.organisation_en }, language) || '—',
            },
            {
              key: 'term',
              title: t('field.term'),
              width: 260,
              render: (_, m) =>
                m.term_to
                  ? t('common.untilDate', { from: formatDate(m.term_from, language), to: formatDate(m.term_to, language) })
                  : t('common.fromDate', { from: formatDate(m.term_from, language) }),
            },
            {
              key: 'in_term',
              title: t('field.inTerm'),
              width: 90,
              render: (_, m) => (m.in_term ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
            },
            ...(keeper
              ? [
                  {
                    key: 'actions',
                    card: 'actions' as const,
                    title: '',
                    width: 160,
                    render: (_: unknown, m: Member) => (
                      <Space size={4}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(m)} data-testid="member-edit">
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('members.removeConfirm', { name: displayName(m.person, language) })}
                          description={t('members.removeText')}
                          okText={t('common.remove')}
                          cancelText={t('common.cancel')}
                          onConfirm={async () => {
                            try {
                              await remove.mutateAsync(m.person.id);
                              void message.success(t('members.removed'));
                            } catch (error) {
                              void message.error(errorMessage(error, t));
                            }
                          }}
                        >
                          <Button size="small" danger data-testid="member-remove">
                            {t('common.remove')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {keeper && editing && <MemberForm member={editing === 'new' ? null : editing} members={members.data ?? []} onClose={() => setEditing(null)} />}
    </Card>
  );
}

interface Values {
  person_id: string;
  side: Side;
  term_from: string;
  term_to?: string;
}

function MemberForm({ member, members, onClose }: { member: Member | null; members: Member[]; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const candidates = useCandidates(member === null);
  const onRoll = new Set(members.map((m) => m.person.id));
  const options = (candidates.data ?? []).filter((p) => p.active && !onRoll.has(p.id));
  const save = useCommitteeAction((v: Values) => committeeApi.putMember(v.person_id, { side: v.side, term_from: v.term_from, term_to: v.term_to ?? '' }));
  return (
    <Modal
      open
      title={member ? t('members.editTitle', { name: displayName(member.person, language) }) : t('members.addTitle')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'member-form-submit' } as Record<`data-${string}`, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          member
            ? { person_id: member.person.id, side: member.side, term_from: member.term_from, term_to: member.term_to ?? undefined }
            : { side: 'university', term_from: tokyoDate() }
        }
        onFinish={async (v) => {
          try {
            await save.mutateAsync(v);
            void message.success(member ? t('common.saved') : t('members.added'));
            onClose();
          } catch (error) {
            if (!showMappedError(form, error, t, ['person_id', 'side', 'term_from', 'term_to'])) void message.error(errorMessage(error, t));
          }
        }}
      >
        {member === null && (
          <Form.Item
            name="person_id"
            label={t('field.person')}
            extra={t('members.personHelp')}
            rules={[{ required: true, message: t('members.personRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.isPending}
              notFoundContent={t('members.noCandidates')}
              options={options.map((p) => ({ value: p.id, label: displayName(p, language) }))}
              data-testid="member-person"
            />
          </Form.Item>
        )}
        <Form.Item name="side" label={t('field.side')} rules={[{ required: true }]}>
          <Select style={{ maxWidth: 200 }} options={SIDES.map((s) => ({ value: s, label: t(`side.${s}`) }))} data-testid="member-side" />
        </Form.Item>
        <Space wrap size={12}>
          <Form.Item name="term_from" label={t('field.termFrom')} rules={[{ required: true, message: t('members.termFromRequired') }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="term_to" label={t('field.termTo')} extra={t('common.openEnded')}>
            <DateField allowClear />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
