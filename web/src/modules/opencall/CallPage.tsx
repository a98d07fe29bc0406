// One call: its details and where it is in its life, the actions the viewer may take (by the
// call's `permissions`), the viewer's proposals and reviews, and for the office the proposals, the
// reviewer assignment and the ranking; for the committee the selection to approve or return.
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Space, Spin, Steps, Tag, Typography } from 'antd';
import { CheckCircleOutlined, EditOutlined, FormOutlined, PlayCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { useIsPhone } from '../../shell/responsive';
import { useAreas } from '../projects/api';
import { areaName } from '../projects/components';
import { opencallApi, useCall, useCallProposals, useOpenCallAction, type Call, type ProposalSummary } from './api';
import { AssignmentSection } from './AssignmentSection';
import { CallForm } from './CallForm';
import { CallStatusTag, PersonName, ProposalStatusTag } from './components';
import { CALL_STATUSES, daysLeft, formatDate, formatYen, labelOf, statusStep, titleOf } from './model';
import { RankingSection } from './RankingSection';
import './opencall.css';

export function CallPage({ me: _me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('opencall');
  const call = useCall(id);
  if (call.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (call.isError) return <Result status="warning" title={errorMessage(call.error, t)} extra={<Link to="/opencall">{t('common.backToList')}</Link>} />;
  return <CallView call={call.data} />;
}

function CallView({ call }: { call: Call }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [applying, setApplying] = useState(false);
  const phone = useIsPhone();
  const areas = useAreas();
  const p = call.permissions;
  const openCall = useOpenCallAction(() => opencallApi.openCall(call.id));
  const startReview = useOpenCallAction(() => opencallApi.startReview(call.id));

  const confirm = (title: string, content: string, run: () => Promise<unknown>, done: string) =>
    modal.confirm({
      title,
      content,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await run();
          void message.success(done);
        } catch (error) {
          void message.error(errorMessage(error, t));
        }
      },
    });

  const left = daysLeft(call.closes_on);

  return (
    <div className="page" data-testid="call-page">
      <PageTitle
        extra={
          <Space wrap>
            {p.apply && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setApplying(true)} data-testid="call-apply">
                {t('call.apply')}
              </Button>
            )}
            {p.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="call-edit">
                {t('call.edit')}
              </Button>
            )}
            {p.open && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={openCall.isPending}
                onClick={() => confirm(t('call.openConfirm'), t('call.openConfirmText'), () => openCall.mutateAsync(undefined), t('call.opened'))}
                data-testid="call-open"
              >
                {t('call.open')}
              </Button>
            )}
            {p.start_review && (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={startReview.isPending}
                onClick={() =>
                  confirm(t('call.startReviewConfirm'), t('call.startReviewConfirmText'), () => startReview.mutateAsync(undefined), t('call.reviewStarted'))
                }
                data-testid="call-start-review"
              >
                {t('call.startReview')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap size={8}>
          <span>{titleOf(call, language)}</span>
          <CallStatusTag status={call.status} />
        </Space>
      </PageTitle>
      <div style={{ marginBottom: 12 }}>
        <Link to="/opencall">{t('common.backToList')}</Link>
      </div>

      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={statusStep(call.status)}
          status={call.status === 'decided' ? 'finish' : 'process'}
          items={CALL_STATUSES.map((s) => ({ title: t(`callStatus.${s}`) }))}
          data-testid="call-steps"
          responsive
        />
      </Card>

      {call.status === 'open' && (
        <Alert
          style={{ marginBottom: 16 }}
          type={call.accepting ? 'info' : 'warning'}
          showIcon
          data-testid="call-deadline"
          title={
            call.accepting
              ? t('call.acceptingUntil', { date: formatDate(call.closes_on, language), days: Math.max(left, 0) })
              : left < 0
                ? t('call.closed', { date: formatDate(call.closes_on, language) })
                : t('call.notYetOpen', { date: formatDate(call.opens_on, language) })
          }
        />
      )}
      {call.status === 'decided' && (
        <Alert
          style={{ marginBottom: 16 }}
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('call.decided', { name: displayName(call.decided_by, language), at: formatDateTime(call.decided_at, language) })}
          description={call.decision_note || undefined}
        />
      )}
      {call.status === 'committee' && call.selection_note && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={t('call.selectionNote')}
          description={call.selection_note}
          data-testid="call-selection-note"
        />
      )}
      {call.status === 'review' && call.decision_note && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon title={t('call.returned')} description={call.decision_note} data-testid="call-returned" />
      )}

      <Card title={t('call.details')} style={{ marginBottom: 16 }}>
        <Descriptions
          className="oc-details"
          column={{ xs: 1, sm: 1, md: 2 }}
          layout={phone ? 'vertical' : 'horizontal'}
          size="small"
          items={[
            ...(call.title_en && language === 'ja' ? [{ key: 'en', label: t('field.titleEn'), children: call.title_en, span: 'filled' as const }] : []),
            ...(call.title_ja && language === 'en' ? [{ key: 'ja', label: t('field.titleJa'), children: call.title_ja, span: 'filled' as const }] : []),
            { key: 'theme', label: t('field.theme'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{call.theme || '—'}</span> },
            {
              key: 'areas',
              label: t('field.areas'),
              span: 'filled' as const,
              children: call.areas.length ? (
                <Space wrap size={4}>
                  {call.areas.map((a) => (
                    <Tag key={a}>{areaName(areas.data, a, language)}</Tag>
                  ))}
                </Space>
              ) : (
                t('call.allAreas')
              ),
            },
            {
              key: 'window',
              label: t('field.window'),
              children: <strong>{t('common.range', { from: formatDate(call.opens_on, language), to: formatDate(call.closes_on, language) })}</strong>,
            },
            { key: 'submitted', label: t('field.submitted'), children: t('common.count', { count: call.proposals_submitted }) },
            { key: 'budget', label: t('field.totalBudget'), children: formatYen(call.total_budget_yen, language) },
            { key: 'cap', label: t('field.perProjectCap'), children: formatYen(call.per_project_cap_yen, language) },
            { key: 'reviews', label: t('field.reviewsPerProposal'), children: call.reviews_per_proposal },
            { key: 'threshold', label: t('field.disagreementThreshold'), children: call.disagreement_threshold },
            { key: 'normalise', label: t('field.normalise'), children: call.normalise ? t('common.on') : t('common.off') },
            {
              key: 'criteria',
              label: t('field.criteria'),
              span: 'filled' as const,
              children: (
                <Space wrap size={4} data-testid="call-criteria">
                  {call.criteria.map((c) => (
                    <Tag key={c.code}>
                      {labelOf(c, language)} ×{c.weight}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(call.reviewers.length
              ? [
                  {
                    key: 'reviewers',
                    label: t('field.reviewers'),
                    span: 'filled' as const,
                    children: (
                      <Space wrap size={4}>
                        {call.reviewers.map((r) => (
                          <Tag key={r.person.id}>
                            {displayName(r.person, language)} ({t('call.loadCapShort', { cap: r.load_cap })})
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {call.my_proposals.length > 0 && (
        <Card title={t('call.myProposals')} style={{ marginBottom: 16 }} data-testid="my-proposals">
          <ul className="oc-rows">
            {call.my_proposals.map((item) => (
              <li key={item.id}>
                <Space wrap>
                  <Link to={`/opencall/proposals/${item.id}`}>{titleOf(item, language) || t('proposal.untitled')}</Link>
                  <ProposalStatusTag status={item.status} />
                </Space>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {call.my_reviews.length > 0 && (
        <Card title={t('call.myReviews')} style={{ marginBottom: 16 }} data-testid="my-reviews">
          <ul className="oc-rows">
            {call.my_reviews.map((item) => (
              <li key={item.proposal_id}>
                <Space wrap>
                  <span>{titleOf(item, language)}</span>
                  {item.submitted ? <Tag color="green">{t('call.reviewSubmitted')}</Tag> : <Tag color="orange">{t('call.reviewPending')}</Tag>}
                </Space>
                <Link to={`/opencall/proposals/${item.proposal_id}?review=1`}>{item.submitted ? t('call.changeReview') : t('call.writeReview')}</Link>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {p.assign && <ProposalsCard call={call} />}
      {p.assign && <AssignmentSection call={call} />}
      {(p.rank || p.decide) && <RankingSection call={call} />}

      {p.edit && (
        <CallForm
          open={editing}
          call={call}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
          }}
        />
      )}
      {p.apply && <ApplyModal call={call} open={applying} onClose={() => setApplying(false)} onCreated={(id) => navigate(`/opencall/proposals/${id}`)} />}
    </div>
  );
}

/** The office's list of the call's proposals (submitted and later). */
function ProposalsCard({ call }: { call: Call }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const proposals = useCallProposals(call.id, true);
  return (
    <Card title={t('call.proposals')} style={{ marginBottom: 16 }}>
      {proposals.isError ? (
        <Typography.Text type="danger">{errorMessage(proposals.error, t)}</Typography.Text>
      ) : (
        <ResponsiveTable<ProposalSummary>
          rowKey="id"
          size="small"
          data-testid="call-proposals"
          loading={proposals.isPending}
          dataSource={proposals.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description={t('call.noProposals')} /> }}
          columns={[
            {
              key: 'title',
              card: 'title',
              title: t('field.title'),
              render: (_, pr) => <Link to={`/opencall/proposals/${pr.id}`}>{titleOf(pr, language) || t('proposal.untitled')}</Link>,
            },
            { key: 'applicant', title: t('field.applicant'), width: 150, render: (_, pr) => <PersonName person={pr.applicant} /> },
            { key: 'requested', title: t('field.requested'), width: 150, align: 'right', render: (_, pr) => formatYen(pr.requested_yen, language) },
            { key: 'status', title: t('field.status'), width: 110, render: (_, pr) => <ProposalStatusTag status={pr.status} /> },
            { key: 'submitted', title: t('field.submittedAt'), width: 180, render: (_, pr) => formatDateTime(pr.submitted_at, language) },
          ]}
        />
      )}
    </Card>
  );
}

/** "応募する": a title first (a draft with one is easy to find again), then the proposal's own page. */
function ApplyModal({ call, open, onClose, onCreated }: { call: Call; open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation('opencall');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title_ja: string; title_en?: string }>();
  const create = useOpenCallAction((v: { title_ja: string; title_en?: string }) =>
    opencallApi.createProposal(call.id, {
      title_ja: v.title_ja.trim(),
      title_en: (v.title_en ?? '').trim(),
      aims: '',
      company_lead_id: null,
      team: [],
      budgets: [],
      links: [],
    }),
  );
  return (
    <Modal
      open={open}
      title={t('apply.title')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('apply.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'apply-create' } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">{t('apply.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            const created = await create.mutateAsync(v);
            void message.success(t('apply.created'));
            onCreated(created.id);
          } catch (error) {
            void message.error(errorMessage(error, t));
          }
        }}
      >
        <Form.Item name="title_ja" label={t('field.titleJa')} rules={[{ required: true, whitespace: true, message: t('form.titleRequired') }, { max: 200 }]}>
          <Input data-testid="apply-title" />
        </Form.Item>
        <Form.Item name="title_en" label={t('field.titleEn')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
