// 発表 (the publication guard): the talks, papers and abstracts planned from a project. One planned
// before the invention is filed carries a warning until it is filed or the office or an inventor
// confirms it holds no invention; the partner company's lead reviews it within the agreement's
// review period. Members register a publication (a talk at one of the centre's events takes the
// event's day).
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/DateField';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useEvents } from '../building/api';
import { ipApi, useIpMutation, usePublications, type Invention, type Publication, type PublicationInput } from './api';
import { GuardWarning } from './components';
import { needsClearance, PUBLICATION_KINDS, tokyoDateOf, tokyoToday, type PublicationKind } from './model';

/** The project's publications (those of one invention and those of none, when `inventionId` is given), with a way to add one. */
export function PublicationsPanel({
  projectId,
  inventionId,
  inventions,
  mayAdd,
}: {
  projectId: string;
  inventionId?: string;
  inventions: Pick<Invention, 'id' | 'title'>[];
  mayAdd: boolean;
}) {
  const { t } = useTranslation('ip');
  const publications = usePublications({ project_id: projectId });
  const [adding, setAdding] = useState(false);
  const rows = (publications.data ?? []).filter((p) => !inventionId || p.invention_id === inventionId || p.invention_id === null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ip-publications">
      {mayAdd && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="ip-publication-add">
            {t('publications.add')}
          </Button>
        </div>
      )}
      {publications.isError && <Alert type="error" showIcon title={errorMessage(publications.error, t)} />}
      <PublicationList publications={rows} inventions={inventions} loading={publications.isLoading} />
      {adding && <PublicationModal projectId={projectId} inventionId={inventionId} inventions={inventions} onClose={() => setAdding(false)} />}
    </Space>
  );
}

export function PublicationList({
  publications,
  inventions,
  loading,
}: {
  publications: Publication[];
  inventions: Pick<Invention, 'id' | 'title'>[];
  loading?: boolean;
}) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [reviewing, setReviewing] = useState<Publication | null>(null);
  const clear = useIpMutation((id: string) => ipApi.clearPublication(id));
  const inventionTitle = (id: string | null) => inventions.find((i) => i.id === id)?.title;
  return (
    <>
      <ResponsiveTable<Publication>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={publications}
        cardTestId="ip-publication-card"
        data-testid="ip-publication-list"
        scroll={{ x: 1000 }}
        rowClassName={(p) => (needsClearance(p) ? 'ip-guarded-row' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('publications.none')} /> }}
        columns={[
          {
            key: 'title',
            title: t('publications.titleField'),
            card: 'title',
            onCell: () => ({ style: { minWidth: 320 } }),
            render: (_, p) => (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <span>
                  <Tag>{t(`publicationKinds.${p.kind}`)}</Tag>
                  <span className="ip-wrap">{p.title}</span>
                </span>
                {needsClearance(p) && <GuardWarning compact />}
              </Space>
            ),
          },
          { key: 'person', title: t('publications.person'), render: (_, p) => <span className="nowrap">{displayName(p.person, language)}</span> },
          {
            key: 'venue',
            title: t('publications.venue'),
            render: (_, p) => {
              const event = language === 'en' ? p.event_title_en || p.event_title_ja : p.event_title_ja || p.event_title_en;
              const parts = [...new Set([p.venue, event].filter(Boolean))];
              return <span className="ip-wrap">{parts.join(' / ') || '—'}</span>;
            },
          },
          { key: 'planned', title: t('publications.plannedOn'), render: (_, p) => <span className="nowrap">{p.planned_on ?? '—'}</span> },
          {
            key: 'invention',
            title: t('publications.invention'),
            hidden: !publications.some((p) => p.invention_id),
            render: (_, p) => (p.invention_id ? <span className="ip-wrap">{inventionTitle(p.invention_id) ?? '—'}</span> : null),
          },
          {
            key: 'status',
            title: t('publications.status'),
            render: (_, p) =>
              p.status === 'cleared' ? (
                <Tag color="success">{p.clearance ? t(`clearances.${p.clearance}`) : t('publicationStatuses.cleared')}</Tag>
              ) : (
                <Tag color={p.guarded ? 'error' : 'default'}>{t('publicationStatuses.planned')}</Tag>
              ),
          },
          {
            key: 'review',
            title: t('publications.review'),
            render: (_, p) =>
              p.review ? (
                <Space orientation="vertical" size={0}>
                  <Tag color={p.review === 'approved' ? 'success' : 'warning'}>{t(`reviews.${p.review}`)}</Tag>
                  {p.review_note && <span className="muted ip-wrap">{p.review_note}</span>}
                </Space>
              ) : p.review_due_on ? (
                <span className="nowrap">{t('publications.reviewDue', { date: p.review_due_on })}</span>
              ) : null,
          },
          {
            key: 'actions',
            title: '',
            card: 'actions',
            render: (_, p) => (
              <Space wrap size={4}>
                {p.may.clear && p.status === 'planned' && (
                  <Popconfirm
                    title={t('publications.clearConfirm')}
                    okText={t('publications.clear')}
                    cancelText={t('form.cancel')}
                    onConfirm={() =>
                      clear.mutate(p.id, {
                        onSuccess: () => void message.success(t('publications.cleared')),
                        onError: (e) => void message.error(errorMessage(e, t)),
                      })
                    }
                  >
                    <Button size="small" loading={clear.isPending && clear.variables === p.id} data-testid="ip-publication-clear">
                      {t('publications.clear')}
                    </Button>
                  </Popconfirm>
                )}
                {p.may.review && (
                  <Button size="small" onClick={() => setReviewing(p)} data-testid="ip-publication-review">
                    {t('publications.reviewAction')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {reviewing && <ReviewModal publication={reviewing} onClose={() => setReviewing(null)} />}
    </>
  );
}

interface ReviewValues {
  outcome: 'approved' | 'objection';
  note?: string;
}

function ReviewModal({ publication: p, onClose }: { publication: Publication; onClose: () => void }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const review = useIpMutation((body: ReviewValues) => ipApi.reviewPublication(p.id, body));
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open
      title={t('publications.reviewTitle', { title: p.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('publications.reviewOk')}
      cancelText={t('form.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ 'data-testid': 'ip-review-ok' }}
      destroyOnHidden
    >
      {p.review_due_on && <Typography.Paragraph>{t('publications.reviewDue', { date: p.review_due_on })}</Typography.Paragraph>}
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'approved' }}
        onFinish={(v) =>
          review.mutate(
            { outcome: v.outcome, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
            {
              onSuccess: () => {
                void message.success(t('publications.reviewed'));
                onClose();
              },
              onError: (e) => {
                if (!showFieldError(form, e, t, ['outcome', 'note'])) void message.error(errorMessage(e, t));
              },
            },
          )
        }
        data-testid="ip-review-form"
      >
        <Form.Item name="outcome" label={t('publications.outcome')}>
          <Radio.Group
            options={[
              { value: 'approved', label: t('reviews.approved') },
              { value: 'objection', label: t('reviews.objection') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('publications.reviewNote')}
          rules={outcome === 'objection' ? [{ required: true, whitespace: true, message: t('publications.objectionNote') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PublicationValues {
  kind: PublicationKind;
  title: string;
  venue?: string;
  planned_on?: string;
  event_id?: string;
  invention_id?: string;
}

const PUBLICATION_FIELDS = ['kind', 'title', 'venue', 'planned_on', 'event_id', 'invention_id', 'project_id'];

export function PublicationModal({
  projectId,
  inventionId,
  inventions,
  onClose,
}: {
  projectId: string;
  inventionId?: string;
  inventions: Pick<Invention, 'id' | 'title'>[];
  onClose: () => void;
}) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const language = currentLanguage();
  const [form] = Form.useForm<PublicationValues>();
  const kind = Form.useWatch('kind', form);
  const events = useEvents();
  const add = useIpMutation((body: PublicationInput) => ipApi.addPublication(body));
  const today = tokyoToday();
  const upcoming = (events.data ?? []).filter((e) => e.status === 'published' && tokyoDateOf(e.start) >= today);
  const finish = (v: PublicationValues) => {
    const body: PublicationInput = { project_id: projectId, kind: v.kind, title: v.title.trim() };
    if (v.venue?.trim()) body.venue = v.venue.trim();
    if (v.planned_on) body.planned_on = v.planned_on;
    if (v.kind === 'talk' && v.event_id) body.event_id = v.event_id;
    if (v.invention_id) body.invention_id = v.invention_id;
    add.mutate(body, {
      onSuccess: (p) => {
        void message.success(p.guarded ? t('publications.addedGuarded') : t('publications.added'));
        onClose();
      },
      onError: (e) => {
        if (!showFieldError(form, e, t, PUBLICATION_FIELDS)) void message.error(errorMessage(e, t));
      },
    });
  };
  return (
    <Modal
      open
      title={t('publications.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('publications.save')}
      cancelText={t('form.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'ip-publication-ok' }}
      destroyOnHidden
      width={640}
    >
      <Alert type="info" showIcon title={t('publications.help')} style={{ marginBottom: 12 }} />
      <Form<PublicationValues>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={{ kind: 'paper', invention_id: inventionId }}
        onValuesChange={(changed: Partial<PublicationValues>) => {
          if ('event_id' in changed) {
            const event = events.data?.find((e) => e.id === changed.event_id);
            if (event)
              form.setFieldsValue({
                planned_on: tokyoDateOf(event.start),
              });
          }
        }}
        data-testid="ip-publication-form"
      >
        <Form.Item name="kind" label={t('publications.kind')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group
            optionType="button"
            options={PUBLICATION_KINDS.map((k) => ({ value: k, label: t(`publicationKinds.${k}`) }))}
            data-testid="ip-publication-kind"
          />
        </Form.Item>
        <Form.Item name="title" label={t('publications.titleField')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={300} data-testid="ip-publication-title" />
        </Form.Item>
        {kind === 'talk' && (
          <Form.Item name="event_id" label={t('publications.event')} extra={t('publications.eventHelp')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              loading={events.isLoading}
              notFoundContent={t('publications.noEvents')}
              options={upcoming.map((e) => ({
                value: e.id,
                label: `${tokyoDateOf(e.start)} ${language === 'en' ? e.title_en || e.title_ja : e.title_ja || e.title_en}`,
              }))}
              data-testid="ip-publication-event"
            />
          </Form.Item>
        )}
        <Form.Item name="venue" label={t('publications.venue')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="planned_on" label={t('publications.plannedOn')}>
          <DateField data-testid="ip-publication-date" />
        </Form.Item>
        <Form.Item name="invention_id" label={t('publications.invention')} extra={t('publications.inventionHelp')}>
          <Select allowClear options={inventions.map((i) => ({ value: i.id, label: i.title }))} placeholder={t('publications.inventionNone')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
