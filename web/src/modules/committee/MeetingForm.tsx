// The office's 「会議を作成」: kind, titles, the day with start and end in Asia/Tokyo, optionally a
// meeting room (booked for the members through the building module). It shows first what awaits
// the committee: the new meeting's agenda gathers those matters.
import { Alert, App, Col, Form, Modal, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { TitleFields } from '../../shell/TitleFields';
import { useSpaces } from '../building/api';
import { committeeApi, useCommitteeAction, usePending, type Meeting } from './api';
import { ItemKindTag, showMappedError } from './components';
import { CLOCK_TIMES, MEETING_KINDS, titleOf, tokyoDate, tokyoInstant, type MeetingKind } from './model';

interface Values {
  kind: MeetingKind;
  title_ja: string;
  title_en?: string;
  date: string;
  start: string;
  end: string;
  space_id?: string;
}

const FIELDS = ['kind', 'title_ja', 'title_en', 'date', 'start', 'end', 'space_id'];

export function MeetingForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (meeting: Meeting) => void }) {
  const { t } = useTranslation('committee');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const pending = usePending(open);
  const spaces = useSpaces();
  const rooms = (spaces.data?.items ?? []).filter((s) => s.kind === 'meeting_room' && s.active && s.bookable);
  const create = useCommitteeAction((v: Values) =>
    committeeApi.createMeeting({
      kind: v.kind,
      title_ja: v.title_ja.trim(),
      title_en: (v.title_en ?? '').trim(),
      starts_at: tokyoInstant(v.date, v.start),
      ends_at: tokyoInstant(v.date, v.end),
      ...(v.space_id ? { space_id: v.space_id } : {}),
    }),
  );

  const submit = async (v: Values) => {
    try {
      const meeting = await create.mutateAsync(v);
      void message.success(t('meetings.created'));
      onCreated(meeting);
    } catch (error) {
      if (!showMappedError(form, error, t, FIELDS, { starts_at: 'start', ends_at: 'end' })) void message.error(errorMessage(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('meetings.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      okText={t('meetings.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'meeting-form-submit' } as Record<`data-${string}`, string>}
    >
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        title={t('meetings.pendingTitle')}
        data-testid="meeting-pending"
        description={
          pending.isError ? (
            <Typography.Text type="danger">{errorMessage(pending.error, t)}</Typography.Text>
          ) : (pending.data ?? []).length === 0 ? (
            pending.isPending ? (
              '…'
            ) : (
              t('meetings.pendingNone')
            )
          ) : (
            <>
              <div>{t('meetings.pendingIntro')}</div>
              <ul className="cm-rows">
                {(pending.data ?? []).map((p) => (
                  <li key={`${p.kind}-${p.subject_id}`} data-testid="pending-item">
                    <ItemKindTag kind={p.kind} /> {titleOf(p, language)}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'regular', date: tokyoDate(14), start: '18:00', end: '19:30' }}>
        <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
          <Select options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetingKind.${k}`) }))} style={{ maxWidth: 200 }} data-testid="meeting-kind" />
        </Form.Item>
        <TitleFields labelJa={t('field.titleJa')} labelEn={t('field.titleEn')} requiredMessage={t('meetings.titleRequired')} testId="meeting-title-input" />
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="date" label={t('field.date')} rules={[{ required: true, message: t('meetings.dateRequired') }]}>
              <DateField data-testid="meeting-date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="start" label={t('field.start')} rules={[{ required: true }]}>
              <Select showSearch options={CLOCK_TIMES.map((c) => ({ value: c, label: c }))} data-testid="meeting-start" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="end" label={t('field.end')} rules={[{ required: true }]}>
              <Select showSearch options={CLOCK_TIMES.map((c) => ({ value: c, label: c }))} data-testid="meeting-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="space_id" label={t('field.room')} extra={t('meetings.roomHelp')}>
          <Select
            allowClear
            loading={spaces.isPending}
            placeholder={t('common.noRoom')}
            options={rooms.map((s) => ({ value: s.id, label: `${displayName(s, language)}（${s.capacity}）` }))}
            data-testid="meeting-room"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
