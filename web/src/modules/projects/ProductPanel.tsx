// The product or service a project brings to market, its launch date and sales by month.
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, showFieldError } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, useProjectAction, type Project } from './api';
import { formatYen, stageIndex } from './model';
import { DateField } from '../../shell/DateField';

interface ProductValues {
  kind: 'product' | 'service';
  name_ja: string;
  name_en?: string;
  description?: string;
  launched_on?: string;
}

export function ProductPanel({ project }: { project: Project }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const [saleForm] = Form.useForm<{ period: string; amount_yen: number }>();
  const product = project.product ?? null;
  const canEdit = !!project.permissions?.edit || !!project.permissions?.member;
  const save = useProjectAction(project.id, (v: ProductValues) =>
    projectApi.saveProduct(project.id, {
      kind: v.kind,
      name_ja: v.name_ja,
      name_en: v.name_en ?? '',
      description: v.description ?? '',
      launched_on: v.launched_on || null,
    }),
  );
  const sale = useProjectAction(project.id, (v: { period: string; amount_yen: number }) => projectApi.recordSale(project.id, v));
  const early = stageIndex(project.stage) < stageIndex('regulatory');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('product.title')}>
          {early && !product && <Typography.Paragraph type="secondary">{t('product.early')}</Typography.Paragraph>}
          {canEdit ? (
            <Form<ProductValues>
              form={form}
              layout="vertical"
              initialValues={{
                kind: product?.kind ?? 'product',
                name_ja: product?.name_ja,
                name_en: product?.name_en,
                description: product?.description,
                launched_on: product?.launched_on ?? undefined,
              }}
              onFinish={async (v) => {
                try {
                  await save.mutateAsync(v);
                  void message.success(t('product.saved'));
                } catch (error) {
                  if (!showFieldError(form, error, t, ['kind', 'name_ja', 'name_en', 'description', 'launched_on'])) void message.error(errorMessage(error, t));
                }
              }}
            >
              <Form.Item name="kind">
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'product', label: t('product.kind.product') },
                    { value: 'service', label: t('product.kind.service') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="name_ja" label={t('product.nameJa')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="name_en" label={t('product.nameEn')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="description" label={t('product.description')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="launched_on" label={t('product.launchedOn')}>
                <DateField style={{ width: 180 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('product.save')}
              </Button>
            </Form>
          ) : product ? (
            <Typography.Paragraph>
              {language === 'ja' ? product.name_ja : product.name_en || product.name_ja} · {product.launched_on ?? t('product.notLaunched')}
            </Typography.Paragraph>
          ) : (
            <Empty description={t('product.none')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('product.sales')}>
          {!product ? (
            <Empty description={t('product.salesNeedProduct')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Statistic title={t('product.total')} value={formatYen(product.total_sales_yen, language)} />
              <Table
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={product.sales}
                locale={{ emptyText: t('product.noSales') }}
                columns={[
                  { key: 'p', title: t('product.period'), dataIndex: 'period' },
                  { key: 'a', title: t('product.amount'), align: 'right', render: (_, s) => formatYen(s.amount_yen, language) },
                ]}
              />
              {canEdit && (
                <Form
                  form={saleForm}
                  layout="inline"
                  onFinish={async (v) => {
                    try {
                      await sale.mutateAsync({ period: v.period, amount_yen: v.amount_yen });
                      saleForm.resetFields();
                      void message.success(t('product.saleRecorded'));
                    } catch (error) {
                      if (!showFieldError(saleForm, error, t, ['period', 'amount_yen'])) void message.error(errorMessage(error, t));
                    }
                  }}
                >
                  <Form.Item name="period" rules={[{ required: true, pattern: /^\d{4}-\d{2}$/, message: t('product.periodFormat') }]}>
                    <DateField picker="month" aria-label={t('product.period')} />
                  </Form.Item>
                  <Form.Item name="amount_yen" rules={[{ required: true }]}>
                    <InputNumber<number> min={0} step={10000} placeholder={t('product.amount')} style={{ width: 160 }} />
                  </Form.Item>
                  <Button htmlType="submit" loading={sale.isPending}>
                    {t('product.recordSale')}
                  </Button>
                </Form>
              )}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
