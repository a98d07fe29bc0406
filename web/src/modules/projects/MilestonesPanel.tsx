// Milestones with owner and due date; overdue ones stand out; add one, mark one done.
import { App, Button, Card, Checkbox, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useMilestones, useProjectAction, type Milestone, type Project } from './api';
import { daysUntil, tokyoToday } from './model';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { DateField } from '../../shell/DateField';

/** Open milestones first (the most overdue on top), done ones last. */
export function sortMilestones(items: readonly Milestone[]) {
  return [...items].sort((a, b) => Number(a.done) - Number(b.done) || a.due_on.localeCompare(b.due_on));
}

export function MilestonesPanel({ project, me }: { project: Project; me: Me }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; owner_id: string; due_on: string }>();
  const milestones = useMilestones(project.id, true);
  const add = useProjectAction(project.id, (v: { title: string; owner_id: string; due_on: string }) => projectApi.addMilestone(project.id, v));
  const toggle = useProjectAction(project.id, (v: { id: string; done: boolean }) => projectApi.setMilestoneDone(project.id, v.id, v.done));
  const today = tokyoToday();
  const canEdit = !!project.permissions?.edit || !!project.permissions?.member;
  const members = project.members ?? [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <ResponsiveTable<Milestone>
        rowKey="id"
        size="middle"
        loading={milestones.isPending}
        dataSource={sortMilestones(milestones.data?.items ?? [])}
        pagination={false}
        rowClassName={(m) => (m.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: <Empty description={t('milestones.empty')} /> }}
        columns={[
          {
            key: 'done',
            width: 60,
            render: (_, m) => (
              <Checkbox
                checked={m.done}
                disabled={!(canEdit || m.owner.id === me.id)}
                aria-label={t('milestones.markDone')}
                onChange={(e) => toggle.mutate({ id: m.id, done: e.target.checked }, { onError: (error) => void message.error(errorMessage(error, t)) })}
              />
            ),
          },
          {
            key: 'title',
            title: t('milestones.titleField'),
            render: (_, m) => (
              <Space>
                <span style={m.done ? { textDecoration: 'line-through', color: '#888' } : undefined}>{m.title}</span>
                {m.overdue && (
                  <Tag color="red" icon={<WarningOutlined />}>
                    {t('milestones.overdueDays', { days: -daysUntil(m.due_on, today) })}
                  </Tag>
                )}
              </Space>
            ),
          },
          { key: 'owner', title: t('milestones.owner'), width: 160, render: (_, m) => displayName(m.owner, language) },
          { key: 'due', title: t('milestones.due'), width: 130, render: (_, m) => m.due_on },
        ]}
      />
      {canEdit && project.status === 'active' && (
        <Card size="small" title={t('milestones.add')}>
          <Form
            form={form}
            layout="inline"
            onFinish={async (v) => {
              try {
                await add.mutateAsync(v);
                form.resetFields();
                void message.success(t('milestones.added'));
              } catch (error) {
                if (!showFieldError(form, error, t, ['title', 'owner_id', 'due_on'])) void message.error(errorMessage(error, t));
              }
            }}
          >
            <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('milestones.titleRequired') }]}>
              <Input placeholder={t('milestones.titleField')} style={{ width: 240 }} maxLength={200} />
            </Form.Item>
            <Form.Item name="owner_id" rules={[{ required: true, message: t('milestones.ownerRequired') }]}>
              <Select
                placeholder={t('milestones.owner')}
                style={{ width: 180 }}
                options={members.map((m) => ({ value: m.person.id, label: displayName(m.person, language) }))}
              />
            </Form.Item>
            <Form.Item name="due_on" rules={[{ required: true, message: t('milestones.dueRequired') }]}>
              <DateField aria-label={t('milestones.due')} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                {t('milestones.addButton')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('milestones.help')}
          </Typography.Text>
        </Card>
      )}
    </Space>
  );
}
