// 評価・決定: the office's evaluation (novelty, prior art) and decision — file, hold, abandon or
// leave it to the company — with the ownership shares, which default on the server to the joint
// research agreement's IP terms.
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, showFieldError } from '../../shell/errors';
import { ipApi, useIpMutation, type DecisionInput, type Invention } from './api';
import { DecisionTag } from './components';
import { ConsentNotice } from './ConsentNotice';
import { DECISIONS, type Decision } from './model';

interface Values {
  decision: Decision;
  note?: string;
  novelty_notes?: string;
  prior_art?: string;
  university_share?: number | null;
}

const FIELDS = ['decision', 'note', 'novelty_notes', 'prior_art', 'university_share'];

export function DecisionPanel({ invention: inv }: { invention: Invention }) {
  const { t } = useTranslation('ip');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useIpMutation((body: DecisionInput) => ipApi.decide(inv.id, body));
  const evaluate = useIpMutation(() => ipApi.startEvaluation(inv.id));
  const chosen = Form.useWatch('decision', form);
  const contractLink = inv.contract_id ? (
    <Link to={`/contracts/${inv.contract_id}`} data-testid="ip-decision-contract">
      {t('page.contractLink')}
    </Link>
  ) : null;

  const finish = (v: Values) => {
    const body: DecisionInput = { decision: v.decision, note: v.note ?? '', novelty_notes: v.novelty_notes ?? '', prior_art: v.prior_art ?? '' };
    if (v.university_share !== undefined && v.university_share !== null) body.university_share = v.university_share;
    decide.mutate(body, {
      onSuccess: () => void message.success(t('decision.done')),
      onError: (e) => {
        if (!showFieldError(form, e, t, FIELDS)) void message.error(errorMessage(e, t));
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {inv.decision ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          className="ip-fields"
          data-testid="ip-decision"
          items={[
            { key: 'decision', label: t('decision.decision'), children: <DecisionTag decision={inv.decision} /> },
            {
              key: 'shares',
              label: t('decision.shares'),
              children:
                inv.university_share !== null ? (
                  <Space wrap size={4}>
                    <span>{t('decision.sharesValue', { university: inv.university_share, company: inv.company_share ?? 100 - inv.university_share })}</span>
                    {contractLink}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { key: 'note', label: t('decision.note'), children: <div className="pre-wrap ip-wrap">{inv.decision_note || '—'}</div> },
            { key: 'novelty', label: t('decision.novelty'), children: <div className="pre-wrap ip-wrap">{inv.novelty_notes || '—'}</div> },
            { key: 'prior', label: t('decision.priorArt'), children: <div className="pre-wrap ip-wrap">{inv.prior_art || '—'}</div> },
          ]}
        />
      ) : (
        !inv.may.decide && <Alert type="info" showIcon title={t('decision.waiting')} />
      )}
      <ConsentNotice invention={inv} office={inv.may.file} />
      {inv.may.decide && inv.status === 'disclosed' && (
        <Alert
          type="info"
          showIcon
          title={t('decision.startHelp')}
          action={
            <Button
              size="small"
              loading={evaluate.isPending}
              onClick={() =>
                evaluate.mutate(undefined, {
                  onSuccess: () => void message.success(t('decision.started')),
                  onError: (e) => void message.error(errorMessage(e, t)),
                })
              }
              data-testid="ip-start-evaluation"
            >
              {t('decision.start')}
            </Button>
          }
        />
      )}
      {inv.may.decide && (
        <Card size="small" title={t('decision.title')} style={{ maxWidth: 760 }}>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={finish}
            initialValues={{ novelty_notes: inv.novelty_notes, prior_art: inv.prior_art }}
            data-testid="ip-decision-form"
          >
            <Form.Item name="novelty_notes" label={t('decision.novelty')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="prior_art" label={t('decision.priorArt')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="decision" label={t('decision.decision')} rules={[{ required: true, message: t('form.required') }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={DECISIONS.map((d) => ({ value: d, label: t(`decisions.${d}`) }))}
                data-testid="ip-decision-choice"
              />
            </Form.Item>
            {chosen === 'abandon' && <Alert type="warning" showIcon title={t('decision.abandonWarning')} style={{ marginBottom: 12 }} />}
            <Form.Item
              name="university_share"
              label={t('decision.universityShare')}
              extra={
                <span>
                  {inv.contract_id ? t('decision.shareHelp') : t('decision.shareHelpNoContract')} {contractLink}
                </span>
              }
            >
              <InputNumber<number> min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} data-testid="ip-university-share" />
            </Form.Item>
            <Form.Item name="note" label={t('decision.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={decide.isPending} danger={chosen === 'abandon'} data-testid="ip-decision-submit">
              {t('decision.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
