// The home page's card of open calls accepting proposals now, each with a link to apply. Shown only
// when there is at least one (and silently absent when the list cannot be read).
import { Button, Card, Space, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../shell/i18n';
import { useCalls } from './api';
import { formatDate, formatYen, titleOf } from './model';
import './opencall.css';

export function OpenCallsCard() {
  const { t } = useTranslation('opencall');
  const language = currentLanguage();
  const calls = useCalls({ status: 'open' });
  const accepting = (calls.data ?? []).filter((c) => c.accepting);
  if (!accepting.length) return null;
  return (
    <Card title={t('home.title')} style={{ marginTop: 16 }} data-testid="home-opencalls" extra={<Link to="/opencall">{t('home.all')}</Link>}>
      <ul className="oc-rows">
        {accepting.map((c) => (
          <li key={c.id}>
            <Space orientation="vertical" size={0}>
              <Link to={`/opencall/${c.id}`}>{titleOf(c, language)}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('home.line', { date: formatDate(c.closes_on, language), cap: formatYen(c.per_project_cap_yen, language) })}
              </Typography.Text>
            </Space>
            <Link to={`/opencall/${c.id}`}>
              <Button type="primary" size="small" icon={<FormOutlined />}>
                {t('home.apply')}
              </Button>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
