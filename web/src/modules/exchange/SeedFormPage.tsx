// Seeds and research themes: kind, title, description, capabilities, area, and whether the centre
// or only the own company (and people under an NDA with it) may see it.
import { LockOutlined, GlobalOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Radio, Result, Select, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import './exchange.css';
import { useNavigate, useParams } from 'react-router';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage, showFieldError } from '../../shell/errors';
import { AREAS, SEED_KINDS, useSaveSeed, useSeed, type Seed, isTeaser } from './api';
import { splitList } from './logic';

interface SeedValues {
  kind: string;
  title: string;
  description: string;
  capabilities: string;
  area: string;
  confidential: boolean;
}

const SERVER_FIELDS = ['kind', 'title', 'description', 'capabilities', 'area', 'confidential', 'status'];

export function SeedFormPage() {
  const { id } = useParams();
  const seed = useSeed(id);
  const { t } = useTranslation('exchange');
  if (id && seed.isPending) return <Skeleton active />;
  if (id && seed.isError) return <Result status="warning" title={errorMessage(seed.error, t)} />;
  if (isTeaser(seed.data)) return <Result status="warning" title={t('detail.notFound')} />;
  return <SeedForm key={id ?? 'new'} id={id} seed={seed.data} />;
}

function SeedForm({ id, seed }: { id?: string; seed?: Seed }) {
  const { t } = useTranslation('exchange');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<SeedValues>();
  const save = useSaveSeed(id);
  const confidential = Form.useWatch('confidential', form);

  useEffect(() => {
    form.setFieldsValue(
      seed
        ? {
            kind: seed.kind,
            title: seed.title,
            description: seed.description,
            capabilities: seed.capabilities.join('、'),
            area: seed.area,
            confidential: seed.confidential,
          }
        : { kind: 'technology', confidential: false, area: 'medical_device' },
    );
  }, [form, seed]);

  async function submit(status: 'draft' | 'open') {
    let values: SeedValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    save.mutate(
      {
        kind: values.kind,
        title: values.title.trim(),
        description: (values.description ?? '').trim(),
        capabilities: splitList(values.capabilities ?? ''),
        area: values.area,
        confidential: !!values.confidential,
        status,
      },
      {
        onSuccess: (saved) => {
          void message.success(t('seedForm.posted'));
          navigate(`/exchange/seeds/${saved.id}`);
        },
        onError: (error) => {
          if (!showFieldError(form, error, t, SERVER_FIELDS)) void message.error(errorMessage(error, t));
        },
      },
    );
  }

  return (
    <div className="page ex-page">
      <PageTitle>{id ? t('seedForm.titleEdit') : t('seedForm.titleNew')}</PageTitle>
      <Card className="ex-form" size="small">
        <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit('open')}>
          <Form.Item name="kind" label={t('seedForm.kind')}>
            <Radio.Group className="ex-area-radio" optionType="button" buttonStyle="solid" data-testid="seed-kind">
              {SEED_KINDS.map((kind) => (
                <Radio.Button key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="title"
            label={t('seedForm.title')}
            rules={[{ required: true, whitespace: true, message: t('seedForm.requiredTitle') }, { max: 200 }]}
          >
            <Input size="large" placeholder={t('seedForm.titlePlaceholder')} maxLength={200} data-testid="seed-title" />
          </Form.Item>
          <Form.Item name="description" label={t('seedForm.description')} rules={[{ max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} placeholder={t('seedForm.descriptionPlaceholder')} data-testid="seed-description" />
          </Form.Item>
          <Form.Item name="capabilities" label={t('seedForm.capabilities')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} placeholder={t('seedForm.capabilitiesPlaceholder')} data-testid="seed-capabilities" />
          </Form.Item>
          <Form.Item name="area" label={t('seedForm.area')}>
            <Select options={AREAS.map((area) => ({ value: area, label: t(`areas.${area}`) }))} data-testid="seed-area" />
          </Form.Item>
          <Form.Item name="confidential" label={t('seedForm.visibility')}>
            <Radio.Group data-testid="seed-visibility">
              <Radio value={false}>
                <GlobalOutlined /> {t('seedForm.public')}
              </Radio>
              <Radio value={true} data-testid="seed-confidential">
                <LockOutlined /> {t('seedForm.confidential')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {confidential && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('seedForm.confidentialHelp')} />}
          <div className="ex-form-actions">
            {(!seed || seed.status === 'draft') && (
              <Button size="large" loading={save.isPending && save.variables?.status === 'draft'} onClick={() => void submit('draft')}>
                {t('seedForm.saveDraft')}
              </Button>
            )}
            <Button size="large" type="primary" htmlType="submit" loading={save.isPending && save.variables?.status === 'open'} data-testid="seed-post">
              {t('seedForm.post')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
