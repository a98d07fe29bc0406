// Need and seed pages: the item, "I'm interested", and the suggestions on the other side with
// score and why (the shared concepts).
import { CheckOutlined, EditOutlined, HeartOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import {
  isTeaser,
  type Hit,
  useIntroductions,
  useNeed,
  useNeedSuggestions,
  useRequestIntroduction,
  useSaveNeed,
  useSaveSeed,
  useSearch,
  useSeed,
  useSeedSuggestions,
} from './api';
import { AreaTag, ConfidentialTag, HitList, StatusTag, TypeTag, type CameFrom } from './components';
import { othersOnly } from './logic';
import { TeaserEditor, TeaserPage } from './Disclosure';
import { JudgedList } from './Judgments';
import { LinkedProjects } from '../projects/LinkedProjects';

function Field({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation('exchange');
  return (
    <div>
      <div className="ex-section-title">{label}</div>
      <Typography.Paragraph className="ex-pre" type={text ? undefined : 'secondary'}>
        {text || t('detail.empty')}
      </Typography.Paragraph>
    </div>
  );
}

function Layout({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={13}>
        {main}
      </Col>
      <Col xs={24} lg={11}>
        {side}
      </Col>
    </Row>
  );
}

/**
 * A need's suggested seeds and people, or a seed's suggested needs and clinicians: the items with the
 * office's judgment buttons for the office and admins; never the viewer's own.
 */
function SuggestionCards({
  side,
  subjectId,
  items,
  people,
  loading,
  mayJudge,
  meId,
}: {
  side: 'need' | 'seed';
  subjectId: string;
  items: Hit[] | undefined;
  people: Hit[] | undefined;
  loading: boolean;
  mayJudge: boolean;
  meId: string;
}) {
  const { t } = useTranslation('exchange');
  const hits = othersOnly(items, meId);
  const empty = t('detail.noSuggestions');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={side === 'need' ? t('detail.bestSeeds') : t('detail.bestNeeds')}
        size="small"
        data-testid={side === 'need' ? 'suggested-seeds' : 'suggested-needs'}
      >
        {mayJudge ? (
          <JudgedList side={side} subjectId={subjectId} hits={hits} loading={loading} empty={empty} />
        ) : (
          <HitList hits={hits} loading={loading} empty={empty} showType={false} from={{ type: side, id: subjectId }} />
        )}
      </Card>
      <Card title={side === 'need' ? t('detail.bestPeople') : t('detail.bestClinicians')} size="small" data-testid="suggested-people">
        <HitList hits={othersOnly(people, meId)} loading={loading} empty={empty} showType={false} />
      </Card>
    </Space>
  );
}

export function NeedDetailPage({ me }: { me: Me }) {
  const { id } = useParams();
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const need = useNeed(id);
  const suggestions = useNeedSuggestions(id, need.isSuccess && !isTeaser(need.data));
  const save = useSaveNeed(id);
  if (need.isPending) return <Skeleton active />;
  if (need.isError)
    return (
      <Result status="warning" title={t('detail.notFound')} subTitle={errorMessage(need.error, t)} extra={<Link to="/exchange">{t('detail.back')}</Link>} />
    );
  if (isTeaser(need.data)) return <TeaserPage item={need.data} />;
  const n = need.data;
  const mine = n.author.id === me.id;
  const mayEdit = mine || hasAnyRole(me.roles, ['office']); // the office, not admins (docs/exchange.md)
  const mayJudge = hasAnyRole(me.roles, ['office', 'admin']); // relevance judgments on the suggestions
  return (
    <div className="page ex-page">
      <PageTitle
        extra={
          <Space wrap>
            {mayEdit && (
              <Link to={`/exchange/needs/${n.id}/edit`}>
                <Button icon={<EditOutlined />}>{t('detail.edit')}</Button>
              </Link>
            )}
            {mayEdit && n.status === 'open' && (
              <Popconfirm
                title={t('needForm.close')}
                onConfirm={() =>
                  save.mutate(
                    { status: 'closed' },
                    { onSuccess: () => void message.success(t('needForm.closed')), onError: (e) => void message.error(errorMessage(e, t)) },
                  )
                }
              >
                <Button icon={<StopOutlined />}>{t('needForm.close')}</Button>
              </Popconfirm>
            )}
            {!mine && n.status === 'open' && <InterestButton itemType="need" itemId={n.id} meId={me.id} />}
          </Space>
        }
      >
        <span data-testid="detail-title">{n.title}</span>
      </PageTitle>
      <Layout
        main={
          <Card>
            <Space wrap size={4} style={{ marginBottom: 12 }}>
              <TypeTag type="need" />
              <AreaTag area={n.area} />
              <StatusTag status={n.status} />
              {n.confidential && <ConfidentialTag />}
              {n.tags.map((tag) => (
                <Tag key={tag}>{tag}</Tag>
              ))}
            </Space>
            {n.status === 'draft' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('detail.draftNote')} />}
            <Field label={t('detail.problem')} text={n.problem} />
            <Field label={t('detail.currentPractice')} text={n.current_practice} />
            <Field label={t('detail.patients')} text={n.patients} />
            <Field label={t('detail.desired')} text={n.desired_outcome} />
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'author', label: t('detail.author'), children: <Link to={`/exchange/people/${n.author.id}`}>{displayName(n.author, language)}</Link> },
                { key: 'updated', label: t('detail.updated'), children: formatDateTime(n.updated_at, language) },
              ]}
            />
          </Card>
        }
        side={
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {mayEdit && <TeaserEditor type="need" id={n.id} confidential={!!n.confidential} teaser={n.teaser} />}
            <SuggestionCards
              side="need"
              subjectId={n.id}
              items={suggestions.data?.seeds}
              people={suggestions.data?.people}
              loading={suggestions.isPending}
              mayJudge={mayJudge}
              meId={me.id}
            />
            <LinkedProjects kind="need" id={n.id} />
          </Space>
        }
      />
    </div>
  );
}

export function SeedDetailPage({ me }: { me: Me }) {
  const { id } = useParams();
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const language = currentLanguage();
  const seed = useSeed(id);
  const suggestions = useSeedSuggestions(id, seed.isSuccess && !isTeaser(seed.data));
  const save = useSaveSeed(id);
  if (seed.isPending) return <Skeleton active />;
  if (seed.isError)
    return (
      <Result status="warning" title={t('detail.notFound')} subTitle={errorMessage(seed.error, t)} extra={<Link to="/exchange">{t('detail.back')}</Link>} />
    );
  if (isTeaser(seed.data)) return <TeaserPage item={seed.data} />;
  const s = seed.data;
  const mine = s.author.id === me.id;
  const mayJudge = hasAnyRole(me.roles, ['office', 'admin']); // relevance judgments on the suggestions
  return (
    <div className="page ex-page">
      <PageTitle
        extra={
          <Space wrap>
            {mine && (
              <Link to={`/exchange/seeds/${s.id}/edit`}>
                <Button icon={<EditOutlined />}>{t('detail.edit')}</Button>
              </Link>
            )}
            {mine && s.status === 'open' && (
              <Popconfirm
                title={t('seedForm.withdraw')}
                onConfirm={() =>
                  save.mutate(
                    { status: 'withdrawn' },
                    { onSuccess: () => void message.success(t('seedForm.withdrawn')), onError: (e) => void message.error(errorMessage(e, t)) },
                  )
                }
              >
                <Button icon={<StopOutlined />}>{t('seedForm.withdraw')}</Button>
              </Popconfirm>
            )}
            {!mine && s.status === 'open' && <InterestButton itemType="seed" itemId={s.id} meId={me.id} />}
          </Space>
        }
      >
        <span data-testid="detail-title">{s.title}</span>
      </PageTitle>
      <Layout
        main={
          <Card>
            <Space wrap size={4} style={{ marginBottom: 12 }}>
              <TypeTag type="seed" />
              <Tag>{t(`kinds.${s.kind}`)}</Tag>
              <AreaTag area={s.area} />
              <StatusTag status={s.status} />
              {s.confidential && <ConfidentialTag />}
            </Space>
            <Field label={t('detail.description')} text={s.description} />
            <div className="ex-section-title">{t('detail.capabilities')}</div>
            <Space wrap size={4} style={{ marginBottom: 12 }}>
              {s.capabilities.length ? (
                s.capabilities.map((c) => <Tag key={c}>{c}</Tag>)
              ) : (
                <Typography.Text type="secondary">{t('detail.empty')}</Typography.Text>
              )}
            </Space>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'author', label: t('detail.author'), children: <Link to={`/exchange/people/${s.author.id}`}>{displayName(s.author, language)}</Link> },
                { key: 'updated', label: t('detail.updated'), children: formatDateTime(s.updated_at, language) },
              ]}
            />
          </Card>
        }
        side={
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {mine && s.confidential && (
              <TeaserEditor type="seed" id={s.id} confidential={s.confidential} teaser={s.teaser} mayMarkConfidential={!!s.company_id} />
            )}
            <SuggestionCards
              side="seed"
              subjectId={s.id}
              items={suggestions.data?.needs}
              people={suggestions.data?.people}
              loading={suggestions.isPending}
              mayJudge={mayJudge}
              meId={me.id}
            />
            <LinkedProjects kind="seed" id={s.id} />
          </Space>
        }
      />
    </div>
  );
}

/**
 * "I'm interested": a short message and, optionally, the own need or seed that prompted it — the one
 * the person came from when they followed a suggestion, chosen already. Once asked, the button says
 * so (and how the request stands) and leads to the introductions instead of asking again.
 */
export function InterestButton({ itemType, itemId, meId }: { itemType: 'need' | 'seed'; itemId: string; meId: string }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ message: string; via_id?: string }>();
  const viaType = itemType === 'need' ? 'seed' : 'need';
  const own = useSearch({ type: viaType, mine: true, limit: 50 });
  const request = useRequestIntroduction();
  const introductions = useIntroductions();
  const asked = introductions.data?.find((i) => i.requester_id === meId && i.item_type === itemType && i.item_id === itemId && i.status !== 'declined');
  const ownOptions = (own.data?.items ?? [])
    .filter((hit) => hit.type === viaType)
    .map((hit) => ({ value: hit.id, label: (hit.item as { title: string }).title }));
  const cameFrom = (location.state as { from?: CameFrom } | null)?.from;
  const preselected = cameFrom?.type === viaType && ownOptions.some((o) => o.value === cameFrom.id) ? cameFrom.id : undefined;
  useEffect(() => {
    if (open && preselected) form.setFieldsValue({ via_id: preselected });
  }, [open, preselected, form]);

  if (asked)
    return (
      <Link to="/introductions">
        <Button icon={<CheckOutlined />} data-testid="interest-asked">
          {t('interest.asked', { status: t(`intro.${asked.status}`) })}
        </Button>
      </Link>
    );
  return (
    <>
      <Button type="primary" icon={<HeartOutlined />} onClick={() => setOpen(true)} data-testid="interested">
        {t('detail.interested')}
      </Button>
      <Modal
        open={open}
        title={t('interest.title')}
        okText={t('interest.send')}
        confirmLoading={request.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'interest-send' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('interest.help')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            request.mutate(
              {
                item_type: itemType,
                item_id: itemId,
                via_type: values.via_id ? viaType : undefined,
                via_id: values.via_id || undefined,
                message: (values.message ?? '').trim(),
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  void message.success(t('interest.sent'));
                },
                onError: (error) => {
                  if (!showFieldError(form, error, t, ['message', 'via_id'])) void message.error(errorMessage(error, t));
                },
              },
            )
          }
        >
          <Form.Item name="message" label={t('interest.message')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('interest.messagePlaceholder')} data-testid="interest-message" />
          </Form.Item>
          {ownOptions.length > 0 && (
            <Form.Item name="via_id" label={t('interest.via')} initialValue={preselected}>
              <Select allowClear placeholder={t('interest.viaNone')} options={ownOptions} data-testid="interest-via" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
