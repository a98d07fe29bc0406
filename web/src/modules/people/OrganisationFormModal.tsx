import { App as AntApp, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Organisation, type OrganisationKind } from '../../shell/api';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { useCreateOrganisation, useUpdateOrganisation, type OrganisationInput } from './api';
import { buildOrgTree, ORGANISATION_KINDS, subtreeIds, toTreeSelectData } from './orgTree';

export type OrganisationFormTarget = { mode: 'create'; parent: Organisation | null } | { mode: 'edit'; organisation: Organisation };

interface OrganisationValues {
  name_ja: string;
  name_en: string;
  name_kana?: string;
  kind: OrganisationKind;
  parent_id?: string | null;
}

const FIELDS = ['name_ja', 'name_en', 'name_kana', 'kind', 'parent_id'] as const;

/** The kind a new child most likely has, so the admin rarely needs to change it. */
export function likelyChildKind(parent: Organisation | null): OrganisationKind {
  switch (parent?.kind) {
    case undefined:
      return 'university';
    case 'university':
      return 'faculty';
    case 'faculty':
    case 'hospital':
      return 'department';
    case 'company':
      return 'division';
    default:
      return 'other';
  }
}

export function OrganisationFormModal({
  target,
  organisations,
  onClose,
}: {
  target: OrganisationFormTarget | null;
  organisations: Organisation[];
  onClose: () => void;
}) {
  const { t } = useTranslation(['people', 'shell']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrganisationValues>();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const language = currentLanguage();

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const org = target.organisation;
      form.setFieldsValue({
        name_ja: org.name_ja,
        name_en: org.name_en,
        name_kana: org.name_kana ?? '',
        kind: org.kind,
        parent_id: org.parent_id ?? undefined,
      });
    } else {
      form.setFieldsValue({ kind: likelyChildKind(target.parent), parent_id: target.parent?.id ?? undefined });
    }
  }, [target, form]);

  const parentTree = useMemo(() => {
    const excluded = target?.mode === 'edit' ? subtreeIds(organisations, target.organisation.id) : new Set<string>();
    return toTreeSelectData(buildOrgTree(organisations), language, {
      includeInactive: true,
      disabledIds: excluded,
      inactiveSuffix: `(${t('status.inactive')})`,
    });
  }, [organisations, target, language, t]);

  const onError = (error: unknown) => {
    const known: Record<string, string> = {};
    if (error instanceof ApiError && error.field === 'parent_id') known.parent_id = t('organisations.cycle');
    if (!showFieldError(form, error, t, FIELDS, known)) message.error(errorMessage(error, t));
  };

  const submit = (values: OrganisationValues) => {
    const input: OrganisationInput = {
      name_ja: values.name_ja.trim(),
      name_en: values.name_en.trim(),
      name_kana: (values.name_kana ?? '').trim(),
      kind: values.kind,
      parent_id: values.parent_id ?? null,
    };
    if (target?.mode === 'edit') {
      const before = target.organisation;
      const change: Partial<OrganisationInput> = {};
      if (input.name_ja !== before.name_ja) change.name_ja = input.name_ja;
      if (input.name_en !== before.name_en) change.name_en = input.name_en;
      if (input.name_kana !== (before.name_kana ?? '')) change.name_kana = input.name_kana;
      if (input.kind !== before.kind) change.kind = input.kind;
      if (input.parent_id !== (before.parent_id ?? null)) change.parent_id = input.parent_id;
      if (Object.keys(change).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: before.id, change },
        {
          onSuccess: (saved) => {
            message.success(t('organisations.saved', { name: displayName(saved, language) }));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(input, {
        onSuccess: (created) => {
          message.success(t('organisations.created', { name: displayName(created, language) }));
          onClose();
        },
        onError,
      });
    }
  };

  const title =
    target?.mode === 'edit'
      ? t('organisations.editTitle')
      : target?.parent
        ? t('organisations.createChildTitle', { parent: displayName(target.parent, language) })
        : t('organisations.createTitle');

  return (
    <Modal
      open={target !== null}
      title={title}
      okText={target?.mode === 'edit' ? t('shell:common.save') : t('shell:common.create')}
      cancelText={t('shell:common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      forceRender
      width={560}
    >
      <Form<OrganisationValues> form={form} layout="vertical" onFinish={submit} name="organisation">
        <Form.Item name="name_ja" label={t('organisations.nameJa')} rules={[{ required: true, whitespace: true, message: t('organisations.nameJaRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name_en" label={t('organisations.nameEn')} rules={[{ required: true, whitespace: true, message: t('organisations.nameEnRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name_kana" label={t('organisations.nameKana')} extra={t('organisations.nameKanaHelp')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('organisations.kind')} rules={[{ required: true, message: t('organisations.kindRequired') }]}>
          <Select options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="parent_id" label={t('organisations.parent')}>
          <TreeSelect treeData={parentTree} allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder={t('organisations.noParent')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
