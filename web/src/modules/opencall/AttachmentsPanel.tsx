// A proposal's attachments: download for everyone who may see the proposal; upload and remove for
// its applicant while it may be edited (the file is the request body, as for project documents).
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shell/errors';
import { formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { ResponsiveTable } from '../../shell/ResponsiveTable';
import { ACCEPT_ATTRIBUTE, checkDocument, documentType, formatBytes, MAX_DOCUMENT_BYTES } from '../projects/model';
import { opencallApi, refreshOpenCall, uploadAttachment, type Attachment, type Proposal } from './api';

export function AttachmentsPanel({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const canEdit = proposal.permissions.edit;

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const check = checkDocument(file);
    if (check) {
      setProblem(t(`attachments.problem.${check}`, { max: formatBytes(MAX_DOCUMENT_BYTES) }));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await uploadAttachment(proposal.id, file, documentType(file)!);
      refreshOpenCall(queryClient);
      void message.success(t('attachments.uploaded'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachment: Attachment) => {
    try {
      await opencallApi.deleteAttachment(proposal.id, attachment.id);
      refreshOpenCall(queryClient);
      void message.success(t('attachments.removed'));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  return (
    <Card
      title={t('attachments.title')}
      style={{ marginBottom: 16 }}
      data-testid="attachments"
      extra={
        canEdit && (
          <Button icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="attachment-choose">
            {t('attachments.add')}
          </Button>
        )
      }
    >
      {canEdit && (
        <>
          <input
            ref={input}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            style={{ display: 'none' }}
            aria-label={t('attachments.file')}
            data-testid="attachment-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void upload(file);
            }}
          />
          <Typography.Paragraph type="secondary">{t('attachments.limits', { max: formatBytes(MAX_DOCUMENT_BYTES) })}</Typography.Paragraph>
        </>
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} />}
      <ResponsiveTable<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={proposal.attachments}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} /> }}
        columns={[
          {
            key: 'file',
            card: 'title',
            title: t('attachments.file'),
            render: (_, a) => (
              <a href={opencallApi.attachmentUrl(proposal.id, a.id)} data-testid="attachment-link">
                <DownloadOutlined /> {a.filename}
              </a>
            ),
          },
          { key: 'size', title: t('attachments.size'), width: 100, render: (_, a) => formatBytes(a.size_bytes) },
          { key: 'at', title: t('attachments.uploadedAt'), width: 200, render: (_, a) => formatDateTime(a.uploaded_at, language) },
          ...(canEdit
            ? [
                {
                  key: 'remove',
                  width: 110,
                  render: (_: unknown, a: Attachment) => (
                    <Popconfirm
                      title={t('attachments.removeConfirm')}
                      okText={t('attachments.remove')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(a)}
                    >
                      <Space>
                        <Button size="small" danger icon={<DeleteOutlined />}>
                          {t('attachments.remove')}
                        </Button>
                      </Space>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
