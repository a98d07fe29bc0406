// Introduction requests: received (accept/decline), sent, and for the office all of them. An accepted
// one proposes meeting dates until the building module offers rooms; then the outcome is recorded.
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, List, Popconfirm, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me, Person } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { usePeople } from '../people/api';
import { OUTCOMES, useBookIntroductionMeeting, useDecideIntroduction, useIntroductions, useRecordOutcome, type Introduction, type Outcome } from './api';
import { TypeTag } from './components';
import { slotLabel } from './logic';
import { IntroductionProjectLinks } from '../projects/IntroductionProject';

const STATUS_COLOURS: Record<Introduction['status'], string> = { requested: 'gold', accepted: 'green', declined: 'default' };

export function IntroductionsPage({ me }: { me: Me }) {
  const { t } = useTranslation('exchange');
  const office = hasAnyRole(me.roles, ['office']);
  const intros = useIntroductions(office);
  const people = usePeople({});
  const names = useMemo(() => new Map((people.data ?? []).map((p: Person) => [p.id, p])), [people.data]);
  const all = intros.data ?? [];
  const incoming = all.filter((i) => i.owner_id === me.id);
  const outgoing = all.filter((i) => i.requester_id === me.id);
  const tabs = [
    { key: 'incoming', label: `${t('intro.incoming')} (${incoming.length})`, items: incoming },
    { key: 'outgoing', label: `${t('intro.outgoing')} (${outgoing.length})`, items: outgoing },
    ...(office ? [{ key: 'all', label: `${t('intro.all')} (${all.length})`, items: all }] : []),
  ];
  return (
    <div className="page ex-page">
      <PageTitle>{t('intro.title')}</PageTitle>
      <Card>
        {intros.isError && <Alert type="error" showIcon title={errorMessage(intros.error, t)} />}
        {intros.isPending ? (
          <Skeleton active />
        ) : (
          <Tabs
            defaultActiveKey={incoming.length || !outgoing.length ? 'incoming' : 'outgoing'}
            items={tabs.map((tab) => ({
              key: tab.key,
              label: tab.label,
              children: tab.items.length ? (
                <List
                  dataSource={tab.items}
                  rowKey="id"
                  renderItem={(intro) => (
                    <List.Item style={{ display: 'block' }}>
                      <IntroductionItem intro={intro} me={me} office={office} names={names} />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intro.empty')} />
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}

function IntroductionItem({ intro, me, office, names }: { intro: Introduction; me: Me; office: boolean; names: Map<string, Person> }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const decide = useDecideIntroduction();
  const outcome = useRecordOutcome();
  const book = useBookIntroductionMeeting();
  const [form] = Form.useForm<{ outcome: Outcome; note: string }>();
  const name = (id: string) => displayName(names.get(id), language) || id;
  const mayDecide = intro.status === 'requested' && (intro.owner_id === me.id || office);
  const involved = intro.owner_id === me.id || intro.requester_id === me.id || office;
  const onError = (error: unknown) => void message.error(errorMessage(error, t));
  const path = `/exchange/${intro.item_type}s/${intro.item_id}`;

  return (
    <div data-testid="introduction">
      <Space wrap size={6} style={{ marginBottom: 4 }}>
        <Tag color={STATUS_COLOURS[intro.status]} data-testid="intro-status">
          {t(`intro.${intro.status}`)}
        </Tag>
        <TypeTag type={intro.item_type} />
        <Link to={path} style={{ fontWeight: 600 }}>
          {intro.item_title}
        </Link>
      </Space>
      <div className="muted" style={{ fontSize: 12 }}>
        {t('intro.from')}: {name(intro.requester_id)} → {t('intro.to')}: {name(intro.owner_id)} · {t('intro.requestedAt')}:{' '}
        {formatDateTime(intro.created_at, language)}
      </div>
      {intro.message && (
        <Typography.Paragraph className="ex-pre" style={{ margin: '6px 0' }}>
          {intro.message}
        </Typography.Paragraph>
      )}
      {mayDecide && (
        <Space>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={decide.isPending}
            onClick={() => decide.mutate({ id: intro.id, accept: true }, { onError })}
            data-testid="intro-accept"
          >
            {t('intro.accept')}
          </Button>
          <Popconfirm title={t('intro.declineConfirm')} onConfirm={() => decide.mutate({ id: intro.id, accept: false }, { onError })}>
            <Button icon={<CloseOutlined />} data-testid="intro-decline">
              {t('intro.decline')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      {intro.status === 'accepted' && (
        <div style={{ marginTop: 6 }}>
          <div>
            <strong>{t('intro.meetingAt')}:</strong> {intro.meeting_at ? formatDateTime(intro.meeting_at, language).slice(0, -3) : t('intro.meetingUndecided')}
            {intro.booking_id && (
              <Tag color="green" style={{ marginLeft: 8 }} data-testid="intro-booked">
                <Link to="/building">{t('intro.booked')}</Link>
              </Tag>
            )}
          </div>
          {!intro.meeting_at && intro.meeting_slots?.length > 0 && (
            <div style={{ marginTop: 4 }} data-testid="proposed-slots">
              <div className="muted">{t('intro.freeRooms')}</div>
              <Space wrap size={4} style={{ marginTop: 4 }}>
                {intro.meeting_slots.map((slot) => (
                  <Popconfirm
                    key={slot.start + slot.space_id}
                    title={t('intro.bookConfirm', {
                      when: formatDateTime(slot.start, language).slice(0, -3),
                      room: language === 'en' ? slot.space_name_en || slot.space_name_ja : slot.space_name_ja,
                    })}
                    onConfirm={() => book.mutate({ id: intro.id, slot }, { onSuccess: () => void message.success(t('intro.bookedMessage')), onError })}
                    disabled={!involved}
                  >
                    <Button size="small" loading={book.isPending && book.variables?.slot === slot} disabled={!involved} data-testid="meeting-slot">
                      {slotLabel(slot.start, slot.end, language)} · {language === 'en' ? slot.space_name_en || slot.space_name_ja : slot.space_name_ja}
                    </Button>
                  </Popconfirm>
                ))}
              </Space>
            </div>
          )}
          {!intro.meeting_at && intro.proposed_slots.length > 0 && (
            <div style={{ marginTop: 4 }} data-testid="proposed-slots">
              <span className="muted">{t('intro.proposed')}: </span>
              <Space wrap size={4}>
                {intro.proposed_slots.map((slot) => (
                  <Tag key={slot} color="blue">
                    {formatDateTime(slot, language).slice(0, -3)}
                  </Tag>
                ))}
              </Space>
            </div>
          )}
          {involved && <IntroductionProjectLinks intro={intro} />}
          {intro.outcome ? (
            <div style={{ marginTop: 4 }}>
              <strong>{t('intro.outcome')}:</strong> <Tag color="purple">{t(`intro.outcomes.${intro.outcome}`)}</Tag>
              {intro.outcome_note}
            </div>
          ) : (
            involved && (
              <Form
                form={form}
                layout="inline"
                style={{ marginTop: 8, rowGap: 8 }}
                onFinish={(values) =>
                  outcome.mutate(
                    { id: intro.id, outcome: values.outcome, note: (values.note ?? '').trim() },
                    { onSuccess: () => void message.success(t('intro.saved')), onError },
                  )
                }
              >
                <Form.Item name="outcome" rules={[{ required: true, message: t('grants.required') }]}>
                  <Select
                    placeholder={t('intro.outcome')}
                    style={{ minWidth: 180 }}
                    options={OUTCOMES.map((o) => ({ value: o, label: t(`intro.outcomes.${o}`) }))}
                  />
                </Form.Item>
                <Form.Item name="note">
                  <Input placeholder={t('intro.note')} maxLength={2000} />
                </Form.Item>
                <Button htmlType="submit" loading={outcome.isPending}>
                  {t('intro.recordOutcome')}
                </Button>
              </Form>
            )
          )}
        </div>
      )}
    </div>
  );
}
