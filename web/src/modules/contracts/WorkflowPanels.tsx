// A contract's status actions (with the signature date and the four-eyes rule) and its negotiation rounds.
import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showFieldError } from '../../shell/errors';
import { SIDES, useAddRound, useTransition, type Contract, type Side, type Status } from './api';
import { orderActions, splitClauses } from './logic';
import { DateField } from '../../shell/DateField';

export function StatusActions({ contract }: { contract: Contract }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const move = useTransition(contract.id);
  const [note, setNote] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const actions = orderActions(contract.status, contract.next_statuses);
  if (contract.next_statuses.length === 0) return null;
  const go = (to: Status) =>
    move.mutate(
      { to, note, signed_on: to === 'signed' && signedOn ? signedOn : undefined },
      {
        onSuccess: () => {
          setNote('');
          void message.success(t('detail.moved', { status: t(`statuses.${to}`) }));
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <Card title={t('detail.status')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input placeholder={t('detail.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        {actions.forward.includes('signed') && (
          <Space>
            {t('detail.signedOnInput')}
            <DateField value={signedOn} onChange={setSignedOn} data-testid="signed-on" />
          </Space>
        )}
        {contract.approval_needs_other && (
          <Typography.Text type="secondary" data-testid="approval-needs-other">
            {t('detail.approvalNeedsOther')}
          </Typography.Text>
        )}
        <Space wrap>
          {actions.forward.map((s) => (
            <Button key={s} type="primary" onClick={() => go(s)} loading={move.isPending} data-testid={`move-${s}`}>
              {t(`actions.${s}`)}
            </Button>
          ))}
          {actions.back.map((s) => (
            <Button key={s} onClick={() => go(s)} data-testid={`move-${s}`}>
              {t(`actions.${s}`)}
            </Button>
          ))}
          {actions.terminate && (
            <Popconfirm title={t('actions.terminateConfirm')} onConfirm={() => go('terminated')}>
              <Button danger data-testid="move-terminated">
                {t('actions.terminated')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}

export function Rounds({ contract, office }: { contract: Contract; office: boolean }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const add = useAddRound(contract.id);
  const open = !['signed', 'active', 'expired', 'terminated'].includes(contract.status);
  return (
    <Card title={t('detail.rounds')} size="small">
      {contract.rounds.length === 0 ? (
        <Typography.Text type="secondary">{t('detail.noRounds')}</Typography.Text>
      ) : (
        <Timeline
          items={contract.rounds.map((r) => ({
            children: (
              <div data-testid="round">
                <Typography.Text strong>
                  {t('detail.round', { n: r.round_no })} {r.sent_on} — {t(`sides.${r.sent_by}`)} → {t(`sides.${r.waiting_on}`)}
                </Typography.Text>
                {r.clauses.length > 0 && (
                  <div>
                    {r.clauses.map((c) => (
                      <Tag key={c}>{c}</Tag>
                    ))}
                  </div>
                )}
                {r.summary && <div>{r.summary}</div>}
              </div>
            ),
          }))}
        />
      )}
      {office && open && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ sent_by: 'us', waiting_on: 'company', sent_on: new Date().toISOString().slice(0, 10) }}
          onFinish={(v: { sent_by: Side; waiting_on: Side; sent_on: string; clauses?: string; summary?: string }) =>
            add.mutate(
              { sent_by: v.sent_by, waiting_on: v.waiting_on, sent_on: v.sent_on, clauses: splitClauses(v.clauses ?? ''), summary: v.summary ?? '' },
              {
                onSuccess: () => {
                  form.resetFields(['clauses', 'summary']);
                  void message.success(t('detail.recorded'));
                },
                onError: (e) => {
                  if (!showFieldError(form, e, t, ['sent_by', 'sent_on', 'waiting_on', 'clauses', 'summary'])) void message.error(errorMessage(e, t));
                },
              },
            )
          }
        >
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('detail.addRound')}
          </Typography.Title>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="sent_by" label={t('detail.sentBy')}>
                <Select options={SIDES.map((s) => ({ value: s, label: t(`sides.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="sent_on" label={t('detail.sentOn')} rules={[{ required: true }]}>
                <DateField />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="waiting_on" label={t('detail.waitingOn')}>
                <Select options={SIDES.map((s) => ({ value: s, label: t(`sides.${s}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="clauses" label={t('detail.clauses')}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t('detail.summary')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="round-add">
            {t('detail.record')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
