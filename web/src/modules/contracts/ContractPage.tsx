// One contract: parties, terms, status actions, negotiation log, history and draft download.
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { displayName, formatDateTime } from '../../shell/format';
import { currentLanguage } from '../../shell/i18n';
import { downloadDraft, useContract } from './api';
import { formatDays } from './logic';
import { isOffice, StatusTag } from './components';
import { TermsCard, PartiesModal, CoveredEditor } from './TermsPanels';
import { StatusActions, Rounds } from './WorkflowPanels';
import { ApprovalPanel } from './ApprovalPanel';

export function ContractPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const language = currentLanguage();
  const query = useContract(id);
  const [downloading, setDownloading] = useState(false);
  const [editingParties, setEditingParties] = useState(false);
  if (query.isLoading) return <div className="page" />;
  if (query.error || !query.data)
    return (
      <div className="page">
        <Alert type="error" message={errorMessage(query.error, t)} />
      </div>
    );
  const c = query.data;
  const office = isOffice(me);
  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadDraft(c.id);
      void message.success(t('detail.drafted', { name }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div className="page">
      <PageTitle
        extra={
          <Button icon={<FileWordOutlined />} onClick={() => void download()} loading={downloading} data-testid="draft-download">
            {t('detail.draft')}
          </Button>
        }
      >
        <span data-testid="contract-title">{c.title}</span>
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{t(`types.${c.type}`)}</Tag>
        <StatusTag status={c.status} />
        {c.waiting_long && <Tag color="red">{t('waitingLong')}</Tag>}
        <Typography.Text type="secondary">{t('days', { days: formatDays(c.days_in_status) })}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <Card
              title={t('detail.parties')}
              size="small"
              extra={
                c.may_edit && (
                  <Button size="small" onClick={() => setEditingParties(true)} data-testid="parties-edit">
                    {t('detail.editParties')}
                  </Button>
                )
              }
            >
              <Descriptions column={1} size="small">
                {c.parties.map((p, i) => (
                  <Descriptions.Item
                    key={p.organisation_id}
                    label={language === 'en' ? `Party ${'ABCDEF'[i] ?? i + 1}` : (['甲', '乙', '丙', '丁', '戊', '己'][i] ?? String(i + 1))}
                  >
                    {language === 'en' && p.name_en ? p.name_en : p.name_ja}
                    {(p.signatory_title || p.signatory_name) && `（${p.signatory_title} ${p.signatory_name}）`}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('detail.project')}>
                  {c.project ? (
                    <Link to={`/projects/${c.project.id}`}>{language === 'en' && c.project.title_en ? c.project.title_en : c.project.title_ja}</Link>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                {c.type === 'nda' && (
                  <Descriptions.Item label={t('detail.covered')}>
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <span data-testid="covered-effective">
                        {c.covered_effective.length ? c.covered_effective.map((p) => displayName(p, language)).join('、') : t('detail.coveredNone')}
                      </span>
                      {c.may_edit && <CoveredEditor contract={c} />}
                    </Space>
                  </Descriptions.Item>
                )}
                {c.signed_on && <Descriptions.Item label={t('detail.signedOn')}>{c.signed_on}</Descriptions.Item>}
                {c.approved_by && <Descriptions.Item label={t('detail.approvedBy')}>{displayName(c.approved_by, language)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <TermsCard contract={c} />
            <Rounds contract={c} office={office} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <ApprovalPanel contract={c} />
            {office && <StatusActions contract={c} />}
            <Card title={t('detail.history')} size="small">
              <Timeline
                items={c.history.map((h) => ({
                  color: h.to_status === 'terminated' ? 'red' : h.to_status === 'active' ? 'green' : 'blue',
                  children: (
                    <div>
                      <StatusTag status={h.to_status} /> {formatDateTime(h.at, language)}
                      <Typography.Text type="secondary"> {t('detail.stayed', { days: formatDays(h.days) })}</Typography.Text>
                      {h.by && <div>{displayName(h.by, language)}</div>}
                      {h.note && <div>{h.note}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {editingParties && <PartiesModal contract={c} onClose={() => setEditingParties(false)} />}
    </div>
  );
}
