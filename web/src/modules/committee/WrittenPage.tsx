// One written resolution (書面決議): the matter, its deadline, who stands aside and why, the votes
// so far and the member's vote buttons. The inbox item of each member links here.
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Me } from '../../shell/api';
import { PageTitle } from '../../shell/AppLayout';
import { errorMessage } from '../../shell/errors';
import { currentLanguage } from '../../shell/i18n';
import { useItem } from './api';
import { ItemCard } from './ItemCard';
import { titleOf } from './model';
import './committee.css';

export function WrittenPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('committee');
  const item = useItem(id);
  if (item.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (item.isError)
    return <Result status="warning" title={errorMessage(item.error, t)} extra={<Link to="/committee?tab=written">{t('common.backToList')}</Link>} />;
  return (
    <div className="page" data-testid="written-page">
      <PageTitle>
        {t('item.written')}: {titleOf(item.data, currentLanguage())}
      </PageTitle>
      <div style={{ marginBottom: 12 }}>
        <Link to="/committee?tab=written">{t('common.backToList')}</Link>
      </div>
      <ItemCard item={item.data} me={me} />
    </div>
  );
}
