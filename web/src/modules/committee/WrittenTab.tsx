// Written resolutions (書面決議): the list, and the office's form that puts a matter awaiting the
// committee (or a motion of its own) to the members in writing, with a deadline.
import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Me } from '../../shell/api';
import { DateField } from '../../shell/DateField';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { TitleFields } from '../../shell/TitleFields';
import { committeeApi, useCommitteeAction, usePending, useWritten, type Item } from './api';
import { DecisionTag, ItemKindTag, showMappedError } from './components';
import { CLOCK_TIMES, ITEM_KINDS, titleOf, tokyoDate, tokyoInstant, type ItemKind } from './model';

export function WrittenTab({ me }: { me: Me }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const written = useWritten();
  const office = me.roles.includes('office');
  return (
    <Card
      title={t('tabs.written')}
      extra={
        office && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="written-create">
            {t('written.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('written.intro')}</Typography.Paragraph>
      {written.isError ? (
        <Typography.Text type="danger">{errorMessage(written.error, t)}</Typography.Text>
      ) : (
        <ResponsiveTable<Item>
          rowKey="id"
          cardTestId="written-card"
          data-testid="written-list"
          loading={written.isFetching}
          dataSource={written.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty description={t('written.empty')} /> }}
          onRow={(i) => ({ onClick: () => navigate(`/committee/written/${i.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'title',
              card: 'title',
              title: t('field.title'),
              render: (_, i) => (
                <Link to={`/committee/written/${i.id}`} onClick={(e) => e.stopPropagation()}>
                  {titleOf(i, language)}
                </Link>
              ),
            },
            { key: 'kind', title: t('field.kind'), width: 170, render: (_, i) => <ItemKindTag kind={i.kind} /> },
            { key: 'deadline', title: t('field.deadline'), width: 200, render: (_, i) => formatDateTime(i.vote_deadline, language) },
            {
              key: 'votes',
              title: t('item.votes'),
              width: 120,
              render: (_, i) => t('written.votes', { voted: i.tally.for + i.tally.against + i.tally.abstain, eligible: i.tally.members - i.recused.length }),
            },
            { key: 'decision', title: t('field.decision'), width: 100, render: (_, i) => <DecisionTag decision={i.decision} /> },
          ]}
        />
      )}
      {office && creating && (
        <WrittenForm
          onClose={() => setCreating(false)}
          onCreated={(item) => {
            setCreating(false);
            navigate(`/committee/written/${item.id}`);
          }}
        />
      )}
    </Card>
  );
}

interface Values {
  kind: ItemKind;
  subject_id?: string;
  title_ja?: string;
  title_en?: string;
  note?: string;
  deadline_date: string;
  deadline_time: string;
}

function WrittenForm({ onClose, onCreated }: { onClose: () => void; onCreated: (item: Item) => void }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'other';
  const pending = usePending(true);
  const subjects = (pending.data ?? []).filter((p) => p.kind === kind);
  const create = useCommitteeAction((v: Values) =>
    committeeApi.createWritten({
      kind: v.kind,
      ...(v.kind === 'other' ? { title_ja: (v.title_ja ?? '').trim(), title_en: (v.title_en ?? '').trim() } : { subject_id: v.subject_id }),
      note: (v.note ?? '').trim(),
      vote_deadline: tokyoInstant(v.deadline_date, v.deadline_time),
    }),
  );
  return (
    <Modal
      open
      title={t('written.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      okText={t('written.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'written-form-submit' } as Record<`data-${string}`, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'other', deadline_date: tokyoDate(7), deadline_time: '17:00' }}
        onFinish={async (v) => {
          try {
            const item = await create.mutateAsync(v);
            void message.success(t('written.created'));
            onCreated(item);
          } catch (error) {
            const fields = ['kind', 'subject_id', 'title_ja', 'title_en', 'note', 'deadline_date'];
            if (!showMappedError(form, error, t, fields, { vote_deadline: 'deadline_date' })) void message.error(errorMessage(error, t));
          }
        }}
      >
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Select
            style={{ maxWidth: 260 }}
            options={ITEM_KINDS.map((k) => ({ value: k, label: t(`itemKind.${k}`) }))}
            onChange={() => form.setFieldValue('subject_id', undefined)}
            data-testid="written-kind"
          />
        </Form.Item>
        {kind === 'other' ? (
          <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('meetings.titleRequired')} testId="written-title" />
        ) : (
          <Form.Item name="subject_id" label={t('field.subject')} rules={[{ required: true, message: t('written.subjectRequired') }]}>
            <Select
              loading={pending.isPending}
              notFoundContent={t('written.noPending')}
              options={subjects.map((p) => ({ value: p.subject_id, label: titleOf(p, language) }))}
              data-testid="written-subject"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('field.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="written-note" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={14} md={10}>
            <Form.Item name="deadline_date" label={t('field.deadline')} rules={[{ required: true, message: t('written.deadlineRequired') }]}>
              <DateField data-testid="written-deadline" />
            </Form.Item>
          </Col>
          <Col xs={10} md={7}>
            <Form.Item name="deadline_time" label={t('field.deadlineTime')} rules={[{ required: true }]}>
              <Select showSearch options={CLOCK_TIMES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
