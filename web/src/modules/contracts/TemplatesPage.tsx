// The office's .docx templates per contract type: versions, merge fields, upload and download.
import { App, Button, Card, Input, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { downloadTemplate, useTemplates, type TemplateType, useUploadTemplate } from './api';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { isOffice, SubNav } from './components';

export function TemplatesPage({ me }: { me: Me }) {
  const { t } = useTranslation('contracts');
  const { message, modal } = App.useApp();
  const language = currentLanguage();
  const templates = useTemplates();
  const upload = useUploadTemplate();
  const [note, setNote] = useState('');
  const known = useMemo(() => new Map((templates.data?.merge_fields ?? []).map((p) => [p.name, p])), [templates.data]);
  const send = (type: string, file: File) =>
    upload.mutate(
      { type, file, note },
      {
        onSuccess: (r) => {
          setNote('');
          void message.success(t('tpl.uploaded', { n: r.version }));
          if (r.unknown_merge_fields.length)
            modal.warning({ title: t('tpl.unknown'), content: t('tpl.unknownWarning', { names: r.unknown_merge_fields.join(', ') }) });
        },
        onError: (e) => void message.error(errorMessage(e, t)),
      },
    );
  return (
    <div className="page">
      <PageTitle>{t('templates')}</PageTitle>
      <SubNav me={me} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('tpl.help', { ph: '{{field}}', interpolation: { escapeValue: false } })}
      </Typography.Paragraph>
      {isOffice(me) && (
        <Input placeholder={t('tpl.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 400, marginBottom: 12 }} maxLength={500} />
      )}
      <ResponsiveTable<TemplateType>
        rowKey="type"
        loading={templates.isLoading}
        dataSource={templates.data?.types ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        expandable={{
          expandedRowRender: (row) =>
            row.versions.length ? (
              <ul>
                {row.versions.map((v) => (
                  <li key={v.version}>
                    {t('tpl.version', { n: v.version })} — {v.filename} — {formatDateTime(v.uploaded_at, language)}{' '}
                    {v.uploaded_by ? displayName(v.uploaded_by, language) : ''} {v.note}{' '}
                    <Button size="small" type="link" onClick={() => void downloadTemplate(row.type, v.version)}>
                      {t('tpl.download')}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              t('tpl.builtIn')
            ),
        }}
        columns={[
          { title: t('tpl.type'), key: 'type', render: (_: unknown, r) => t(`types.${r.type}`) },
          { title: t('tpl.current'), key: 'current', render: (_: unknown, r) => (r.built_in ? t('tpl.builtIn') : t('tpl.version', { n: r.current_version })) },
          {
            title: t('tpl.mergeFields'),
            key: 'merge_fields',
            render: (_: unknown, r) => (
              <Space size={[4, 4]} wrap>
                {/* By what they mean (「甲の名称」), the key a template author types as the hint. */}
                {r.merge_fields.map((p) => {
                  const field = known.get(p);
                  return (
                    <Tooltip key={p} title={field ? `{{${p}}}` : t('tpl.unknown')}>
                      <Tag color={field ? undefined : 'red'} data-testid="tpl-field" data-key={p}>
                        {field ? (language === 'en' ? field.label_en : field.label_ja) : `{{${p}}}`}
                      </Tag>
                    </Tooltip>
                  );
                })}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadTemplate(r.type)} data-testid={`tpl-download-${r.type}`}>
                  {t('tpl.download')}
                </Button>
                {isOffice(me) && (
                  <Upload
                    accept=".docx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      send(r.type, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid={`tpl-upload-${r.type}`}>
                      {t('tpl.upload')}
                    </Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Card title={t('tpl.known')} size="small" style={{ marginTop: 16 }}>
        <Space size={[4, 8]} wrap>
          {(templates.data?.merge_fields ?? []).map((p) => (
            <Tag key={p.name} className="tpl-known-field">
              {language === 'en' ? p.label_en : p.label_ja} <code className="tpl-key">{`{{${p.name}}}`}</code>
            </Tag>
          ))}
        </Space>
      </Card>
    </div>
  );
}
