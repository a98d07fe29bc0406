// The home page widget: new needs and seeds that match the viewer's profile and own items.
import { Button, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMySuggestions, type Hit } from './api';
import { HitCard } from './components';

function Column({ title, hits }: { title: string; hits: Hit[] }) {
  const { t } = useTranslation('exchange');
  return (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      {hits.length ? (
        <ul className="ex-home-list">
          {hits.map((hit) => (
            <li key={hit.id}>
              <HitCard hit={hit} showType={false} />
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.empty')} />
      )}
    </Col>
  );
}

export function NewForYou() {
  const { t } = useTranslation('exchange');
  const suggestions = useMySuggestions(4);
  if (suggestions.isError) return null;
  return (
    <Card title={t('home.title')} data-testid="new-for-you" extra={<Link to="/exchange">{t('home.more')}</Link>} style={{ marginTop: 16 }}>
      {suggestions.isPending ? (
        <Skeleton active />
      ) : (
        <>
          {!suggestions.data.personalised && (
            <Typography.Paragraph type="secondary">
              {t('home.notPersonalised')}{' '}
              <Link to="/exchange/profile">
                <Button size="small">{t('home.writeProfile')}</Button>
              </Link>
            </Typography.Paragraph>
          )}
          <Row gutter={[24, 16]}>
            <Column title={t('home.needs')} hits={suggestions.data.needs} />
            <Column title={t('home.seeds')} hits={suggestions.data.seeds} />
          </Row>
        </>
      )}
    </Card>
  );
}
