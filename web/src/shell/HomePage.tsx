import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NewForYou } from '../modules/exchange/NewForYou';
import { GoalWidget } from '../modules/projects/GoalWidget';
import { useOrganisations } from '../modules/people/api';
import { organisationPath } from '../modules/people/orgTree';
import type { Me } from './api';
import { visibleNavItems } from './AppLayout';
import { displayName } from './format';
import { currentLanguage } from './i18n';
import { RoleTags } from './RoleTags';

const NOW_KEYS: Record<string, string> = {
  '/account': 'home.nowAccount',
  '/people': 'home.nowPeople',
  '/organisations': 'home.nowOrganisations',
  '/audit': 'home.nowAudit',
};

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation('shell');
  const language = currentLanguage();
  // The full path (university › faculty › department) when the list is readable; the
  // person's own organisation otherwise.
  const organisations = useOrganisations('all', { retry: false });
  const path = me.organisation_id && organisations.data ? organisationPath(organisations.data, me.organisation_id) : [];
  const organisationText = path.length
    ? path.map((org) => displayName(org, language)).join(' › ')
    : displayName(me.organisation, language);

  const now = visibleNavItems(me.roles).filter((item) => NOW_KEYS[item.path]);

  return (
    <div className="page home-page">
      <Card className="home-hero">
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="greeting">
          {t('home.greeting', { name: displayName(me, language) })}
        </Typography.Title>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 120 } }}
          items={[
            {
              key: 'organisation',
              label: t('home.organisation'),
              children: <span data-testid="home-organisation">{organisationText || t('home.noOrganisation')}</span>,
            },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <span data-testid="home-roles">
                  <RoleTags roles={me.roles} empty={t('home.noRoles')} />
                </span>
              ),
            },
            { key: 'email', label: t('home.email'), children: me.email },
          ]}
        />
      </Card>
      <GoalWidget me={me} />
      <NewForYou />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('home.aboutTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('home.about1')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('home.about2')}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.nowTitle')} style={{ height: '100%' }}>
            <ul className="now-list">
              {now.map((item) => (
                <li key={item.path}>
                  <span className="now-icon">{item.icon}</span>
                  <div>
                    <Link to={item.path}>{t(item.labelKey)}</Link>
                    <div className="muted">{t(NOW_KEYS[item.path])}</div>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
