// The committee's voting rules: when a meeting is quorate (a majority or two thirds of the members
// in term present, and optionally one of each side) and when a motion passes, each explained in a
// line. The office and admins change them (PUT /api/committee/rules).
import { App, Button, Card, Descriptions, Form, Radio, Space, Switch, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { errorMessage } from '../../shell/errors';
import { committeeApi, useCommitteeAction, useRules, type Rules } from './api';
import { showMappedError } from './components';
import { PASS_RULES, QUORUM_RULES } from './model';

export function RulesTab({ me }: { me: Me }) {
  const { t } = useTranslation('committee');
  const { message } = App.useApp();
  const rules = useRules();
  const keeper = me.roles.includes('office') || me.roles.includes('admin');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Rules>();
  const save = useCommitteeAction((r: Rules) => committeeApi.setRules(r));

  if (rules.isError)
    return (
      <Card>
        <Typography.Text type="danger">{errorMessage(rules.error, t)}</Typography.Text>
      </Card>
    );
  const r = rules.data;
  return (
    <Card
      title={t('tabs.rules')}
      loading={rules.isPending}
      data-testid="rules"
      extra={
        keeper &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="rules-edit">
            {t('rules.edit')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('rules.intro')}</Typography.Paragraph>
      {r && !editing && (
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            {
              key: 'quorum',
              label: t('field.quorum'),
              children: (
                <>
                  <strong data-testid="rules-quorum">{t(`quorumRule.${r.quorum}`)}</strong>
                  <div>
                    <Typography.Text type="secondary">{t(`quorumHelp.${r.quorum}`)}</Typography.Text>
                  </div>
                </>
              ),
            },
            {
              key: 'each_side',
              label: t('field.eachSide'),
              children: (
                <>
                  <strong data-testid="rules-each-side">{r.each_side ? t('rules.eachSideOn') : t('rules.eachSideOff')}</strong>
                  <div>
                    <Typography.Text type="secondary">{t('rules.eachSideHelp')}</Typography.Text>
                  </div>
                </>
              ),
            },
            {
              key: 'pass',
              label: t('field.pass'),
              children: (
                <>
                  <strong data-testid="rules-pass">{t(`passRule.${r.pass}`)}</strong>
                  <div>
                    <Typography.Text type="secondary">{t(`passHelp.${r.pass}`)}</Typography.Text>
                  </div>
                </>
              ),
            },
          ]}
        />
      )}
      {r && editing && (
        <Form<Rules>
          form={form}
          layout="vertical"
          initialValues={r}
          onFinish={async (v) => {
            try {
              await save.mutateAsync({ quorum: v.quorum, each_side: !!v.each_side, pass: v.pass });
              void message.success(t('rules.saved'));
              setEditing(false);
            } catch (error) {
              if (!showMappedError(form, error, t, ['quorum', 'each_side', 'pass'])) void message.error(errorMessage(error, t));
            }
          }}
        >
          <Form.Item name="quorum" label={t('field.quorum')}>
            <Radio.Group data-testid="rules-quorum-input">
              <Space orientation="vertical">
                {QUORUM_RULES.map((q) => (
                  <Radio key={q} value={q}>
                    {t(`quorumRule.${q}`)} <Typography.Text type="secondary">— {t(`quorumHelp.${q}`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="each_side" label={t('field.eachSide')} valuePropName="checked" extra={t('rules.eachSideHelp')}>
            <Switch data-testid="rules-each-side-input" />
          </Form.Item>
          <Form.Item name="pass" label={t('field.pass')}>
            <Radio.Group data-testid="rules-pass-input">
              <Space orientation="vertical">
                {PASS_RULES.map((p) => (
                  <Radio key={p} value={p}>
                    {t(`passRule.${p}`)} <Typography.Text type="secondary">— {t(`passHelp.${p}`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Space>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
              {t('common.save')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
