// The clinician's need form: six short fields, phone first. What is typed is kept on this device
// as it is typed (restored on the next visit); "save draft" keeps it on the server as a draft only
// the author and the office see; "post" opens it to the centre.
import { Alert, App, Button, Card, Form, Input, Radio, Result, Select, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './exchange.css';
import { useNavigate, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { hasAnyRole } from '../../shell/roles';
import { AREAS, isTeaser, useNeed, useSaveNeed } from './api';
import { clearLocalDraft, draftKey, loadLocalDraft, needBody, saveLocalDraft, type NeedDraft } from './logic';

const SERVER_FIELDS = ['title', 'problem', 'current_practice', 'patients', 'desired_outcome', 'area', 'status', 'tags'];

export function NeedFormPage({ me }: { me: Me }) {
  const { id } = useParams();
  const need = useNeed(id);
  const { t } = useTranslation('exchange');
  if (id && need.isPending) return <Skeleton active />;
  if (id && need.isError) return <Result status="warning" title={errorMessage(need.error, t)} />;
  // Someone who sees only the teaser cannot edit (the server says 403 too).
  if (isTeaser(need.data)) return <Result status="warning" title={t('detail.notFound')} />;
  const initial: NeedDraft | undefined = need.data
    ? {
        title: need.data.title,
        problem: need.data.problem,
        current_practice: need.data.current_practice,
        patients: need.data.patients,
        desired_outcome: need.data.desired_outcome,
        area: need.data.area,
      }
    : undefined;
  return <NeedForm key={id ?? 'new'} me={me} id={id} initial={initial} status={need.data?.status} tags={need.data?.tags} />;
}

function NeedForm({ me, id, initial, status, tags }: { me: Me; id?: string; initial?: NeedDraft; status?: string; tags?: string[] }) {
  // The office completes and tags needs; clinicians are not asked for tags.
  const office = hasAnyRole(me.roles, ['office']);
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NeedDraft & { tags?: string[] }>();
  const save = useSaveNeed(id);
  const key = draftKey(me.id, id);
  const local = useMemo(() => loadLocalDraft(key), [key]);
  const [restored, setRestored] = useState(!!local);

  useEffect(() => {
    form.setFieldsValue({ area: '', ...initial, ...(local ?? {}) });
    if (office) form.setFieldValue('tags', tags ?? []);
  }, [form, initial, local, office, tags]);

  async function submit(target: 'draft' | 'open') {
    // Posting needs the problem; a draft needs only the title (the server checks both too).
    const fields = target === 'open' ? ['title', 'problem'] : ['title'];
    try {
      await form.validateFields(fields);
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as NeedDraft;
    if (target === 'open' && !(values.problem ?? '').trim()) {
      form.setFields([{ name: 'problem', errors: [t('needForm.requiredProblem')] }]);
      return;
    }
    const body = needBody(values, target);
    if (office) body.tags = (form.getFieldValue('tags') as string[] | undefined) ?? [];
    save.mutate(body, {
      onSuccess: (saved) => {
        clearLocalDraft(key);
        void message.success(target === 'draft' ? t('needForm.draftSaved') : t('needForm.posted'));
        navigate(`/exchange/needs/${saved.id}`);
      },
      onError: (error) => {
        if (!showFieldError(form, error, t, SERVER_FIELDS)) void message.error(errorMessage(error, t));
      },
    });
  }

  return (
    <div className="page ex-page">
      <PageTitle>{id ? t('needForm.titleEdit') : t('needForm.titleNew')}</PageTitle>
      <Card className="ex-form" size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('needForm.intro')}
        </Typography.Paragraph>
        {restored && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="draft-restored"
            title={t('needForm.restored')}
            action={
              <Button
                size="small"
                onClick={() => {
                  clearLocalDraft(key);
                  form.resetFields();
                  form.setFieldsValue({ area: '', ...initial });
                  setRestored(false);
                }}
              >
                {t('needForm.discard')}
              </Button>
            }
          />
        )}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={(_, all) => saveLocalDraft(key, all as NeedDraft)}
          onFinish={() => void submit('open')}
        >
          <Form.Item
            name="title"
            label={t('needForm.title')}
            rules={[{ required: true, whitespace: true, message: t('needForm.requiredTitle') }, { max: 200 }]}
          >
            <Input size="large" placeholder={t('needForm.titlePlaceholder')} maxLength={200} data-testid="need-title" />
          </Form.Item>
          <Form.Item name="problem" label={t('needForm.problem')} rules={[{ max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('needForm.problemPlaceholder')} data-testid="need-problem" />
          </Form.Item>
          <Form.Item name="current_practice" label={t('needForm.currentPractice')} rules={[{ max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('needForm.currentPracticePlaceholder')} data-testid="need-current" />
          </Form.Item>
          <Form.Item name="patients" label={t('needForm.patients')} rules={[{ max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('needForm.patientsPlaceholder')} data-testid="need-patients" />
          </Form.Item>
          <Form.Item name="desired_outcome" label={t('needForm.desired')} rules={[{ max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('needForm.desiredPlaceholder')} data-testid="need-desired" />
          </Form.Item>
          <Form.Item name="area" label={t('needForm.area')}>
            <Radio.Group className="ex-area-radio" optionType="button" buttonStyle="solid" data-testid="need-area">
              {AREAS.map((area) => (
                <Radio.Button key={area} value={area}>
                  {t(`areas.${area}`)}
                </Radio.Button>
              ))}
              <Radio.Button value="">{t('needForm.areaUnknown')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {office && (
            <Form.Item name="tags" label={t('detail.tags')}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '、']} data-testid="need-tags" />
            </Form.Item>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('needForm.autosave')}
          </Typography.Text>
          <div className="ex-form-actions">
            {(!status || status === 'draft') && (
              <Button
                size="large"
                loading={save.isPending && save.variables?.status === 'draft'}
                onClick={() => void submit('draft')}
                data-testid="need-save-draft"
              >
                {t('needForm.saveDraft')}
              </Button>
            )}
            <Button size="large" type="primary" htmlType="submit" loading={save.isPending && save.variables?.status === 'open'} data-testid="need-post">
              {t('needForm.post')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
