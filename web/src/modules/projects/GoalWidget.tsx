// The committee's goal: "≥ 1 product or service on the market with sales by DATE", with the
// pipeline behind it. Shown on the portfolio page and on committee members' home page.
import { App, Button, Card, Empty, List, Progress, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, FlagOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shell/api';
import { currentLanguage } from '../../shell/i18n';
import { hasAnyRole } from '../../shell/roles';
import { errorMessage } from '../../shell/errors';
import { useGoal, useSetGoalDate, type Goal } from './api';
import { Funnel } from './Funnel';
import { daysUntil, formatYen } from './model';
import './projects.css';
import { DateField } from '../../shell/DateField';

/** The office changes the goal date (PUT /api/portfolio/goal). */
function GoalDateEditor({ date }: { date: string }) {
  const { t } = useTranslation('projects');
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const save = useSetGoalDate();
  if (value === null)
    return (
      <Button size="small" type="link" onClick={() => setValue(date)} data-testid="goal-date-edit">
        {t('goal.change')}
      </Button>
    );
  return (
    <Space>
      <DateField size="small" value={value} onChange={setValue} aria-label={t('goal.dateLabel')} />
      <Button
        size="small"
        type="primary"
        loading={save.isPending}
        disabled={!value}
        onClick={() =>
          save.mutate(value, {
            onSuccess: () => {
              setValue(null);
              void message.success(t('goal.dateSaved'));
            },
            onError: (error) => void message.error(errorMessage(error, t)),
          })
        }
      >
        {t('product.save')}
      </Button>
      <Button size="small" onClick={() => setValue(null)}>
        {t('common.cancel')}
      </Button>
    </Space>
  );
}

export function GoalSummary({ goal, canSetDate = false }: { goal: Goal; canSetDate?: boolean }) {
  const { t } = useTranslation('projects');
  const language = currentLanguage();
  const days = daysUntil(goal.date, goal.today);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="goal-summary">
      <Typography.Text>{t('goal.statement', { date: goal.date })}</Typography.Text>
      <Space align="center" wrap>
        <FlagOutlined />
        <span className="goal-date">{goal.date}</span>
        {canSetDate && <GoalDateEditor date={goal.date} />}
        {goal.met ? (
          <Tag color="green" icon={<CheckCircleFilled />}>
            {t('goal.met', { count: goal.products_counting })}
          </Tag>
        ) : days >= 0 ? (
          <Tag color="blue">{t('goal.daysLeft', { count: days })}</Tag>
        ) : (
          <Tag color="red">{t('goal.missed')}</Tag>
        )}
      </Space>
      <Progress percent={goal.met ? 100 : 0} showInfo={false} status={goal.met ? 'success' : days < 0 ? 'exception' : 'active'} />
      {goal.products.length === 0 ? (
        <Typography.Text type="secondary">{t('goal.noProducts')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={goal.products}
          renderItem={(p) => (
            <List.Item extra={p.counts_towards_goal ? <Tag color="green">{t('goal.counts')}</Tag> : <Tag>{t('goal.notYet')}</Tag>}>
              <Space orientation="vertical" size={0}>
                {p.project_id ? (
                  <Link to={`/projects/${p.project_id}/product`}>{language === 'ja' ? p.name_ja : p.name_en || p.name_ja}</Link>
                ) : (
                  <span>{language === 'ja' ? p.name_ja : p.name_en || p.name_ja}</span>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.launched_on ? t('goal.launched', { date: p.launched_on }) : t('product.notLaunched')} · {formatYen(p.total_sales_yen ?? 0, language)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

/** Home page widget for committee members (and the office): the goal and the funnel. */
export function GoalWidget({ me }: { me: Me }) {
  const { t } = useTranslation('projects');
  const show = hasAnyRole(me.roles, ['committee', 'office']);
  const goal = useGoal(show);
  if (!show) return null;
  return (
    <Card
      className="goal-widget"
      title={t('goal.title')}
      extra={<Link to="/portfolio">{t('goal.toPortfolio')}</Link>}
      loading={goal.isPending}
      data-testid="goal-widget"
      style={{ marginTop: 16 }}
    >
      {goal.isError ? (
        <Empty description={t('goal.unavailable')} />
      ) : goal.data ? (
        <div style={{ display: 'grid', gap: 24, gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))' }}>
          <GoalSummary goal={goal.data} />
          <div>
            <Typography.Text strong>{t('goal.pipeline')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Funnel funnel={goal.data.funnel} compact />
            </div>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
