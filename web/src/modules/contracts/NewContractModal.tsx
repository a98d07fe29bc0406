// The office prepares a new contract: type, title, project, parties and key terms.
import { App, Button, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage, showFieldError } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { useOrganisations } from '../people/api';
import { useProject, useProjects } from '../projects/api';
import { TYPES, useCreateContract, type ContractType } from './api';
import { COMPANY_SIDE, organisationLabel, partiesFromProject, UNIVERSITY_SIDE } from './logic';

export function NewContractModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const organisations = useOrganisations('all');
  const projects = useProjects({});
  const create = useCreateContract();
  // Choosing the project fills 甲 and 乙 from it (the PI's university, the project's company),
  // unless the office has already chosen them.
  const projectId: string = Form.useWatch('project_id', form) ?? '';
  const project = useProject(projectId);
  useEffect(() => {
    if (!project.data || !organisations.data || project.data.id !== projectId) return;
    const parties = partiesFromProject(project.data, organisations.data);
    for (const field of ['party_a', 'party_b'] as const) if (parties[field] && !form.isFieldTouched(field)) form.setFieldValue(field, parties[field]);
  }, [project.data, organisations.data, projectId, form]);
  const orgOptions = (kinds: readonly string[]) =>
    (organisations.data ?? [])
      .filter((o) => o.active && kinds.includes(o.kind))
      .map((o) => ({ value: o.id, label: organisationLabel(organisations.data ?? [], o.id, language) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ja'));
  const submit = (values: Record<string, string>) => {
    create.mutate(
      {
        type: values.type as ContractType,
        title: values.title,
        project_id: values.project_id || null,
        parties: [
          { organisation_id: values.party_a, signatory_name: values.a_name ?? '', signatory_title: values.a_title ?? '' },
          { organisation_id: values.party_b, signatory_name: values.b_name ?? '', signatory_title: values.b_title ?? '' },
        ],
      },
      {
        onSuccess: (c) => {
          void message.success(t('form.created'));
          onClose();
          navigate(`/contracts/${c.id}`);
        },
        onError: (e) => {
          if (!showFieldError(form, e, t, ['type', 'title', 'project_id', 'parties'])) void message.error(errorMessage(e, t));
        },
      },
    );
  };
  return (
    <Modal open title={t('new')} onCancel={onClose} footer={null} destroyOnClose width={640}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'nda' }}>
        <Form.Item name="type" label={t('form.type')} rules={[{ required: true }]}>
          <Select options={TYPES.map((x) => ({ value: x, label: t(`types.${x}`) }))} data-testid="new-type" />
        </Form.Item>
        <Form.Item name="title" label={t('form.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="new-title" />
        </Form.Item>
        <Form.Item name="project_id" label={t('form.project')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="new-project"
            options={(projects.data ?? []).map((p) => ({ value: p.id, label: language === 'en' && p.title_en ? p.title_en : p.title_ja }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="party_a" label={t('form.partyA')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={orgOptions(UNIVERSITY_SIDE)} data-testid="new-party-a" />
            </Form.Item>
            <Form.Item name="a_title" label={t('form.signatoryTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name="a_name" label={t('form.signatoryName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="party_b" label={t('form.partyB')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={orgOptions(COMPANY_SIDE)} data-testid="new-party-b" />
            </Form.Item>
            <Form.Item name="b_title" label={t('form.signatoryTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name="b_name" label={t('form.signatoryName')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="new-submit">
          {t('form.create')}
        </Button>
      </Form>
    </Modal>
  );
}
