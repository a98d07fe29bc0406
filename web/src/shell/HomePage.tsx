import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NewForYou } from '../modules/exchange/NewForYou';
import { OpenCallsCard } from '../modules/opencall/OpenCallsCard';
import { GoalWidget } from '../modules/projects/GoalWidget';
import { useOrganisations } from '../modules/people/api';
import { organisationPath } from '../modules/people/orgTree';
import type { Me } from './api';
import { displayName } from './format';
import { guideFor } from './homeGuide';
import { currentLanguage } from './i18n';
import { RoleTags } from './RoleTags';

export function HomePage({ me }: { me: Me }) {
  const { t } = useTranslation('shell');
  const language = currentLanguage();
  // The full path (university › faculty › department) when the list is readable; the
  // person's own organisation otherwise.
  const organisations = useOrganisations('all', { retry: false });
  const path = me.organisation_id && organisations.data ? organisationPath(organisations.data, me.organisation_id) : [];
  const organisationText = path.length ? path.map((org) => displayName(org, language)).join(' › ') : displayName(me.organisation, language);

  const guide = guideFor(me.roles);

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
      <OpenCallsCard />
      <GoalWidget me={me} />
      <NewForYou />
      <Card title={t('home.nowTitle')} style={{ marginTop: 16 }} data-testid="home-guide">
        <ul className="now-list">
          {guide.map((item) => (
            <li key={item.id} data-testid={`guide-${item.id}`}>
              <span className="now-icon">{item.icon}</span>
              <div>
                <Link to={item.path}>{t(item.labelKey)}</Link>
                <div className="muted">{t(item.textKey)}</div>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('home.aboutTitle')} style={{ marginTop: 16 }}>
        <Typography.Paragraph>{t('home.about1')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('home.about2')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
