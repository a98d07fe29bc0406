import { App as AntApp, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Organisation, type Person } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ROLES } from '../../shell/roles';
import { useCreatePerson, useUpdatePerson, type PersonChange } from './api';
import { buildOrgTree, toTreeSelectData } from './orgTree';

interface PersonValues {
  email: string;
  name_ja: string;
  name_kana: string;
  name_en: string;
  organisation_id?: string | null;
  roles: string[];
  password?: string;
}

const FIELDS = ['email', 'name_ja', 'name_kana', 'name_en', 'organisation_id', 'roles', 'password'] as const;

/** Creates a person (person = null) or edits one. */
export function PersonFormModal({
  open,
  person,
  organisations,
  onClose,
}: {
  open: boolean;
  person: Person | null;
  organisations: Organisation[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['people', 'shell']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PersonValues>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const language = currentLanguage();
  const editing = person !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        email: person.email,
        name_ja: person.name_ja,
        name_kana: person.name_kana,
        name_en: person.name_en,
        organisation_id: person.organisation_id ?? undefined,
        roles: person.roles,
      });
    }
  }, [open, person, form]);

  const treeData = useMemo(
    () =>
      toTreeSelectData(buildOrgTree(organisations), language, {
        includeInactive: true,
        disableInactive: true,
        inactiveSuffix: `(${t('status.inactive')})`,
      }),
    [organisations, language, t],
  );

  const onError = (error: unknown) => {
    const known: Record<string, string> = {};
    if (error instanceof ApiError && error.status === 409) known.email = t('personForm.duplicateEmail');
    if (error instanceof ApiError && error.status === 409 && !error.field) {
      form.setFields([{ name: 'email', errors: [known.email] }]);
      return;
    }
    if (!showFieldError(form, error, t, FIELDS, known)) message.error(errorMessage(error, t));
  };

  const submit = (values: PersonValues) => {
    const common = {
      email: values.email.trim(),
      name_ja: values.name_ja.trim(),
      name_kana: (values.name_kana ?? '').trim(),
      name_en: (values.name_en ?? '').trim(),
      organisation_id: values.organisation_id ?? null,
      roles: values.roles ?? [],
    };
    if (person) {
      const change: PersonChange = {};
      for (const key of Object.keys(common) as (keyof typeof common)[]) {
        const before = key === 'roles' ? JSON.stringify([...person.roles].sort()) : (person[key] ?? null);
        const after = key === 'roles' ? JSON.stringify([...common.roles].sort()) : common[key];
        if (before !== after) (change as Record<string, unknown>)[key] = common[key];
      }
      if (Object.keys(change).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: person.id, change },
        {
          onSuccess: (saved) => {
            message.success(t('personForm.saved', { name: displayName(saved, language) }));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...common, password: values.password ?? '' },
        {
          onSuccess: (created) => {
            message.success(t('personForm.created', { name: displayName(created, language) }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('personForm.editTitle') : t('personForm.createTitle')}
      okText={editing ? t('personForm.save') : t('personForm.create')}
      cancelText={t('personForm.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={600}
    >
      <Form<PersonValues> form={form} layout="vertical" onFinish={submit} name="person" initialValues={{ roles: [] }}>
        <Form.Item
          name="email"
          label={t('personForm.email')}
          rules={[
            { required: true, message: t('personForm.emailRequired') },
            { type: 'email', message: t('personForm.emailInvalid') },
          ]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name_ja" label={t('personForm.nameJa')} rules={[{ required: true, whitespace: true, message: t('personForm.nameJaRequired') }]}>
          <Input placeholder={t('personForm.nameJaPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name_kana" label={t('personForm.nameKana')}>
          <Input placeholder={t('personForm.nameKanaPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name_en" label={t('personForm.nameEn')} rules={[{ required: true, whitespace: true, message: t('personForm.nameEnRequired') }]}>
          <Input placeholder={t('personForm.nameEnPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="organisation_id" label={t('personForm.organisation')}>
          <TreeSelect
            treeData={treeData}
            placeholder={t('personForm.organisationPlaceholder')}
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            data-testid="person-organisation"
          />
        </Form.Item>
        <Form.Item name="roles" label={t('personForm.roles')}>
          <Select
            mode="multiple"
            placeholder={t('personForm.rolesPlaceholder')}
            options={ROLES.map((role) => ({ value: role, label: t(`shell:roles.${role}`) }))}
            data-testid="person-roles"
          />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('personForm.password')}
            extra={t('personForm.passwordHint')}
            rules={[
              { required: true, message: t('personForm.passwordRequired') },
              { min: 8, message: t('personForm.passwordTooShort') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
