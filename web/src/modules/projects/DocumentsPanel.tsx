// Project documents: upload (limits shown and checked before sending), versions, who may see.
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, showFieldError } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { projectApi, refreshProject, uploadDocument, useDocuments, type Project, type ProjectDocument } from './api';
import { ACCEPT_ATTRIBUTE, checkDocument, documentType, formatBytes, MAX_DOCUMENT_BYTES } from './model';
import { ResponsiveTable } from '../../shell/ResponsiveTable';

const VISIBILITIES = ['public', 'internal', 'confidential'] as const;
const VIS_COLOURS = { public: 'green', internal: 'blue', confidential: 'red' } as const;

export function DocumentsPanel({ project }: { project: Project }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const documents = useDocuments(project.id, true);
  const [form] = Form.useForm<{ title: string; visibility: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [versionOf, setVersionOf] = useState<ProjectDocument | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const versionInput = useRef<HTMLInputElement>(null);
  const canUpload = !!project.permissions?.upload;

  const pick = (f: File | undefined | null) => {
    if (!f) return null;
    const problem = checkDocument(f);
    if (problem) {
      setFileError(t(`documents.problem.${problem}`, { max: formatBytes(MAX_DOCUMENT_BYTES) }));
      return null;
    }
    setFileError(null);
    return f;
  };

  const send = async (f: File, title: string, visibility: string, documentId?: string) => {
    setBusy(true);
    try {
      await uploadDocument(project.id, { file: f, contentType: documentType(f)!, title, visibility, documentId });
      refreshProject(queryClient, project.id);
      void message.success(t('documents.uploaded'));
      return true;
    } catch (error) {
      if (!showFieldError(form, error, t, ['title', 'visibility'])) void message.error(errorMessage(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canUpload && (
        <Card size="small" title={t('documents.upload')}>
          <Typography.Paragraph type="secondary" data-testid="document-limits">
            {t('documents.limits', { max: formatBytes(MAX_DOCUMENT_BYTES) })}
          </Typography.Paragraph>
          <Form
            form={form}
            layout="inline"
            initialValues={{ visibility: 'internal' }}
            onFinish={async (v) => {
              if (!file) {
                setFileError(t('documents.chooseFile'));
                return;
              }
              if (await send(file, v.title, v.visibility)) {
                form.resetFields();
                setFile(null);
                if (input.current) input.current.value = '';
              }
            }}
          >
            <Form.Item>
              <input
                ref={input}
                type="file"
                accept={ACCEPT_ATTRIBUTE}
                aria-label={t('documents.file')}
                data-testid="document-file"
                style={{ display: 'none' }}
                onChange={(e) => {
                  const f = pick(e.target.files?.[0]);
                  setFile(f);
                  if (f && !form.getFieldValue('title')) form.setFieldValue('title', f.name.replace(/\.[^.]+$/, ''));
                }}
              />
              <Space>
                <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>
                  {t('documents.chooseButton')}
                </Button>
                <Typography.Text type={file ? undefined : 'secondary'} ellipsis style={{ maxWidth: 200 }}>
                  {file ? `${file.name} (${formatBytes(file.size)})` : t('documents.noFile')}
                </Typography.Text>
              </Space>
            </Form.Item>
            <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('documents.titleRequired') }]}>
              <Input placeholder={t('documents.title')} style={{ width: 220 }} maxLength={200} data-testid="document-title" />
            </Form.Item>
            <Form.Item name="visibility">
              <Select
                style={{ width: 280 }}
                data-testid="document-visibility"
                options={VISIBILITIES.map((v) => ({ value: v, label: t(`documents.visibility.${v}`) }))}
              />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy} data-testid="document-upload">
                {t('documents.uploadButton')}
              </Button>
            </Form.Item>
          </Form>
          {fileError && <Alert type="error" showIcon message={fileError} style={{ marginTop: 8 }} />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('documents.visibilityHelp')}
          </Typography.Text>
        </Card>
      )}
      <input
        ref={versionInput}
        data-testid="document-version-file"
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        style={{ display: 'none' }}
        onChange={async (e) => {
          const f = pick(e.target.files?.[0]);
          e.target.value = '';
          if (f && versionOf) await send(f, versionOf.title, versionOf.visibility, versionOf.id);
          setVersionOf(null);
        }}
      />
      {fileError && !canUpload && <Alert type="error" showIcon message={fileError} />}
      <ResponsiveTable<ProjectDocument>
        rowKey="id"
        scroll={{ x: 760 }}
        loading={documents.isPending}
        dataSource={documents.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('documents.empty')} /> }}
        expandable={{
          rowExpandable: (d) => d.versions.length > 1,
          expandedRowRender: (d) => (
            <Table
              size="small"
              rowKey="version"
              pagination={false}
              dataSource={[...d.versions].sort((a, b) => b.version - a.version)}
              columns={[
                { key: 'v', title: t('documents.version'), render: (_, v) => `v${v.version}`, width: 60 },
                {
                  key: 'file',
                  title: t('documents.file'),
                  render: (_, v) => <a href={projectApi.contentUrl(project.id, d.id, v.version)}>{v.filename}</a>,
                },
                { key: 'size', title: t('documents.size'), render: (_, v) => formatBytes(v.size_bytes), width: 90 },
                {
                  key: 'by',
                  title: t('documents.by'),
                  render: (_, v) => `${displayName(v.uploaded_by, language)} · ${formatDateTime(v.uploaded_at, language)}`,
                },
              ]}
            />
          ),
        }}
        columns={[
          {
            key: 'title',
            title: t('documents.title'),
            render: (_, d) => {
              const latest = d.versions.find((v) => v.version === d.current_version) ?? d.versions[d.versions.length - 1];
              return (
                <Space orientation="vertical" size={0}>
                  <a href={projectApi.contentUrl(project.id, d.id)}>
                    <DownloadOutlined /> {d.title}
                  </a>
                  {latest && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {latest.filename} · {formatBytes(latest.size_bytes)}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            key: 'vis',
            title: t('documents.visibilityLabel'),
            width: 150,
            render: (_, d) => <Tag color={VIS_COLOURS[d.visibility]}>{t(`documents.visibility.${d.visibility}`)}</Tag>,
          },
          { key: 'ver', title: t('documents.version'), width: 80, render: (_, d) => `v${d.current_version}` },
          { key: 'updated', title: t('documents.updated'), width: 190, render: (_, d) => formatDateTime(d.updated_at, language) },
          ...(canUpload
            ? [
                {
                  key: 'new',
                  width: 150,
                  render: (_: unknown, d: ProjectDocument) => (
                    <Button
                      size="small"
                      icon={<UploadOutlined />}
                      loading={busy && versionOf?.id === d.id}
                      onClick={() => {
                        setVersionOf(d);
                        versionInput.current?.click();
                      }}
                    >
                      {t('documents.newVersion')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
