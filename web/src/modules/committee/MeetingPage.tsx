// One meeting of the steering committee: when and where, who is present (and so whether the
// meeting is quorate), and its agenda in order, each item with its recusals, votes and decision.
// The office (`may_manage`) gathers, adds, orders and removes items, sends the agenda, records
// attendance and votes, closes each vote and finally approves the minutes; everyone downloads them.
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Space, Spin, Switch, Tag, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownloadOutlined,
  ImportOutlined,
  LockOutlined,
  PlusOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { TitleFields } from '../../shell/TitleFields';
import { committeeApi, useCommitteeAction, useMeeting, type Meeting } from './api';
import { MeetingKindTag, MeetingStatusTag, SideTag } from './components';
import { ItemCard } from './ItemCard';
import { formatMeetingTime, moved, quorumOf, titleOf } from './model';
import './committee.css';

export function MeetingPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('committee');
  const meeting = useMeeting(id);
  if (meeting.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (meeting.isError) return <Result status="warning" title={errorMessage(meeting.error, t)} extra={<Link to="/committee">{t('common.backToList')}</Link>} />;
  return <MeetingView meeting={meeting.data} me={me} />;
}

function MeetingView({ meeting, me }: { meeting: Meeting; me: Me }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const manage = meeting.may_manage;
  const gather = useCommitteeAction(() => committeeApi.gather(meeting.id));
  const send = useCommitteeAction(() => committeeApi.send(meeting.id));
  const close = useCommitteeAction(() => committeeApi.close(meeting.id));
  const order = useCommitteeAction((ids: string[]) => committeeApi.order(meeting.id, ids));
  const remove = useCommitteeAction((itemId: string) => committeeApi.removeItem(itemId));
  const attend = useCommitteeAction((v: { personId: string; present: boolean }) => committeeApi.attend(meeting.id, v.personId, v.present));
  const agenda = [...meeting.agenda].sort((a, b) => a.position - b.position);
  const ids = agenda.map((i) => i.id);
  const quorum = quorumOf(meeting.attendance, meeting.rules);
  const present = meeting.attendance.filter((a) => a.present);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };
  const confirm = (title: string, content: string, action: () => Promise<unknown>, done: string) =>
    modal.confirm({
      title,
      content,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => run(action, done),
    });

  return (
    <div className="page" data-testid="meeting-page">
      <PageTitle>
        <Space wrap size={8}>
          <span data-testid="meeting-title">{titleOf(meeting, language)}</span>
          <MeetingKindTag kind={meeting.kind} />
          <MeetingStatusTag status={meeting.status} />
        </Space>
      </PageTitle>
      {/* The actions on a row of their own: a long title and five buttons do not share one line. */}
      <div className="cm-toolbar">
        <Link to="/committee">{t('common.backToList')}</Link>
        <Space wrap>
          {manage && (
            <Button
              icon={<ImportOutlined />}
              loading={gather.isPending}
              onClick={() => void run(() => gather.mutateAsync(undefined), t('meeting.gathered'))}
              data-testid="meeting-gather"
            >
              {t('meeting.gather')}
            </Button>
          )}
          {manage && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="meeting-add-item">
              {t('meeting.addItem')}
            </Button>
          )}
          {manage && meeting.status === 'planned' && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={send.isPending}
              onClick={() => confirm(t('meeting.sendConfirm'), t('meeting.sendText'), () => send.mutateAsync(undefined), t('meeting.sent'))}
              data-testid="meeting-send"
            >
              {t('meeting.send')}
            </Button>
          )}
          {manage && meeting.status === 'sent' && (
            <Button
              type="primary"
              icon={<LockOutlined />}
              loading={close.isPending}
              onClick={() => confirm(t('meeting.closeConfirm'), t('meeting.closeText'), () => close.mutateAsync(undefined), t('meeting.closed'))}
              data-testid="meeting-close"
            >
              {t('meeting.close')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={committeeApi.minutesUrl(meeting.id)} download data-testid="meeting-minutes">
            {t('meeting.minutes')}
          </Button>
        </Space>
      </div>

      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            {
              key: 'time',
              label: t('field.time'),
              children: <strong data-testid="meeting-time">{formatMeetingTime(meeting.starts_at, meeting.ends_at, language)}</strong>,
            },
            {
              key: 'room',
              label: t('field.room'),
              children: meeting.space_id ? displayName({ name_ja: meeting.space_name_ja, name_en: meeting.space_name_en }, language) : t('common.noRoom'),
            },
            { key: 'status', label: t('field.status'), children: <MeetingStatusTag status={meeting.status} /> },
            ...(meeting.closed_by
              ? [
                  {
                    key: 'closed',
                    label: t('meetingStatus.closed'),
                    children: t('meeting.closedBy', { name: displayName(meeting.closed_by, language), at: formatDateTime(meeting.closed_at, language) }),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card
        title={t('meeting.attendance')}
        style={{ marginBottom: 16 }}
        data-testid="attendance"
        extra={
          <Tag color={quorum.met ? 'green' : 'orange'} data-testid="quorum-state">
            {quorum.met ? t('meeting.quorumMet') : t('meeting.quorumNotMet')}
          </Tag>
        }
      >
        <Typography.Paragraph data-testid="quorum-line">
          {t('meeting.quorumLine', { needed: quorum.needed, present: quorum.present, university: quorum.university, company: quorum.company })}
          {quorum.sideMissing && (
            <Typography.Text type="warning" style={{ marginLeft: 8 }}>
              {t('meeting.quorumSides')}
            </Typography.Text>
          )}
        </Typography.Paragraph>
        {meeting.attendance.length === 0 ? (
          <Empty description={t('meeting.attendanceEmpty')} />
        ) : (
          <ul className="cm-attendance">
            {meeting.attendance.map((a) => (
              <li key={a.person.id} data-testid="attendance-row" data-person-id={a.person.id}>
                <span className="cm-name">{displayName(a.person, language)}</span>
                <SideTag side={a.side} />
                <Switch
                  checked={a.present}
                  disabled={!manage}
                  loading={attend.isPending && attend.variables?.personId === a.person.id}
                  checkedChildren={t('meeting.present')}
                  unCheckedChildren={t('meeting.absent')}
                  aria-label={`${displayName(a.person, language)}: ${t('meeting.present')}`}
                  onChange={(checked) => void run(() => attend.mutateAsync({ personId: a.person.id, present: checked }), t('meeting.marked'))}
                  data-testid="attend-switch"
                />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Typography.Title level={4}>{t('meeting.agenda')}</Typography.Title>
      {agenda.length === 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty description={t('meeting.agendaEmpty')} />
        </Card>
      ) : (
        agenda.map((item, index) => (
          <ItemCard
            key={item.id}
            item={item}
            me={me}
            number={index + 1}
            recordable={manage ? present : undefined}
            extra={
              manage && (
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0 || order.isPending}
                    aria-label={t('meeting.moveUp')}
                    title={t('meeting.moveUp')}
                    onClick={() => void run(() => order.mutateAsync(moved(ids, index, -1)), t('meeting.ordered'))}
                    data-testid="item-up"
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={index === agenda.length - 1 || order.isPending}
                    aria-label={t('meeting.moveDown')}
                    title={t('meeting.moveDown')}
                    onClick={() => void run(() => order.mutateAsync(moved(ids, index, 1)), t('meeting.ordered'))}
                    data-testid="item-down"
                  />
                  {item.decision === null && (
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('meeting.removeItem')}
                      title={t('meeting.removeItem')}
                      onClick={() =>
                        confirm(t('meeting.removeItemConfirm'), t('meeting.removeItemText'), () => remove.mutateAsync(item.id), t('meeting.itemRemoved'))
                      }
                      data-testid="item-remove"
                    />
                  )}
                </Space>
              )
            }
          />
        ))
      )}

      {manage && adding && <AddItemModal meeting={meeting} onClose={() => setAdding(false)} />}
    </div>
  );
}

function AddItemModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation('committee');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title_ja: string; title_en?: string; note?: string }>();
  const add = useCommitteeAction((v: { title_ja: string; title_en?: string; note?: string }) =>
    committeeApi.addItem(meeting.id, { title_ja: v.title_ja.trim(), title_en: (v.title_en ?? '').trim(), note: (v.note ?? '').trim() }),
  );
  return (
    <Modal
      open
      title={t('meeting.addItemTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      okText={t('meeting.addItem')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'add-item-submit' } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await add.mutateAsync(v);
            void message.success(t('meeting.itemAdded'));
            onClose();
          } catch (error) {
            if (!showFieldError(form, error, t, ['title_ja', 'title_en', 'note'])) void message.error(errorMessage(error, t));
          }
        }}
      >
        <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('meetings.titleRequired')} testId="add-item-title" />
        <Form.Item name="note" label={t('field.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
