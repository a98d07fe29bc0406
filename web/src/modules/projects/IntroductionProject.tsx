// On an accepted introduction: the project it led to, or two ways to get there — propose a new
// project prefilled from the need and seed, or record that it led to one of my projects.
import { App, Button, Select, Space, Tag } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import type { Introduction } from '../exchange/api';
import { exchangeKeys } from '../exchange/keys';
import { projectApi, refreshProject, useProjects } from './api';
import { projectTitle } from './ProjectsPage';

export function IntroductionProjectLinks({ intro }: { intro: Introduction }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [linking, setLinking] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mine = useProjects({ mine: true });
  if (intro.status !== 'accepted') return null;
  if (intro.project_id)
    return (
      <div style={{ marginTop: 4 }} data-testid="intro-project">
        <Tag color="purple" icon={<ExperimentOutlined />}>
          {t('intro.project')}
        </Tag>
        <Link to={`/projects/${intro.project_id}`}>{t('intro.openProject')}</Link>
      </div>
    );
  const editable = (mine.data ?? []).filter((p) => p.status === 'active' || p.status === 'proposed');
  const link = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      await projectApi.linkIntroduction(chosen, intro.id);
      refreshProject(queryClient, chosen);
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      void message.success(t('intro.linked'));
      setLinking(false);
    } catch (error) {
      void message.error(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap style={{ marginTop: 6 }} data-testid="intro-project-actions">
      <Link to={`/projects?introduction=${encodeURIComponent(intro.id)}`}>
        <Button size="small" type="primary" icon={<ExperimentOutlined />} data-testid="intro-propose-project">
          {t('intro.propose')}
        </Button>
      </Link>
      {!linking ? (
        editable.length > 0 && (
          <Button size="small" onClick={() => setLinking(true)}>
            {t('intro.linkExisting')}
          </Button>
        )
      ) : (
        <>
          <Select
            size="small"
            style={{ minWidth: 260 }}
            placeholder={t('intro.chooseProject')}
            value={chosen}
            onChange={setChosen}
            options={editable.map((p) => ({ value: p.id, label: projectTitle(p, language) }))}
          />
          <Button size="small" type="primary" disabled={!chosen} loading={busy} onClick={() => void link()}>
            {t('intro.link')}
          </Button>
        </>
      )}
    </Space>
  );
}
