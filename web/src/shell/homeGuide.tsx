// The home page's "what you can do": one entry per page of the menu (plus the two "post" forms),
// each with a line written for the reader's role. Texts live in shell ja.json / en.json under
// home.do.<id>.<role> (role-specific) and home.do.<id>.any (everyone else).
import { ApartmentOutlined, AuditOutlined, BankOutlined, BulbOutlined, CalendarOutlined, ExperimentOutlined } from '@ant-design/icons';
import { AccountBookOutlined, BranchesOutlined, FormOutlined } from '@ant-design/icons';
import { FileProtectOutlined, FundOutlined, InboxOutlined, InteractionOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined, SettingOutlined, SolutionOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import {
  ClusterOutlined,
  CopyrightOutlined,
  FieldTimeOutlined,
  LineChartOutlined,
  MedicineBoxOutlined,
  NotificationOutlined,
  ReconciliationOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { mayOpen } from './AppLayout';
import { hasAnyRole, type Role } from './roles';

export interface GuideEntry {
  id: string;
  path: string;
  icon: ReactNode;
  /** Shown only to these roles (besides what the menu allows for the path). */
  roles?: Role[];
  /** Roles with a line of their own; the others read home.do.<id>.any. */
  texts: Role[];
}

export const GUIDE: GuideEntry[] = [
  { id: 'postNeed', path: '/exchange/needs/new', icon: <PlusCircleOutlined />, roles: ['clinician', 'researcher'], texts: [] },
  { id: 'postSeed', path: '/exchange/seeds/new', icon: <PlusCircleOutlined />, roles: ['company_researcher', 'researcher'], texts: ['company_researcher'] },
  { id: 'inbox', path: '/inbox', icon: <InboxOutlined />, texts: ['office', 'committee', 'coi_committee'] },
  { id: 'exchange', path: '/exchange', icon: <BulbOutlined />, texts: ['clinician', 'company_researcher', 'researcher', 'office', 'committee'] },
  { id: 'introductions', path: '/introductions', icon: <InteractionOutlined />, texts: ['clinician', 'company_researcher', 'office'] },
  { id: 'projects', path: '/projects', icon: <ExperimentOutlined />, texts: ['clinician', 'company_researcher', 'office', 'committee'] },
  { id: 'opencall', path: '/opencall', icon: <NotificationOutlined />, texts: ['clinician', 'researcher', 'office', 'committee'] },
  { id: 'portfolio', path: '/portfolio', icon: <FundOutlined />, texts: ['office', 'committee'] },
  { id: 'committee', path: '/committee', icon: <ReconciliationOutlined />, texts: ['office', 'committee'] },
  { id: 'kpi', path: '/kpi', icon: <LineChartOutlined />, texts: ['office', 'committee'] },
  { id: 'budget', path: '/budget', icon: <AccountBookOutlined />, texts: ['office', 'committee'] },
  { id: 'surveys', path: '/surveys', icon: <FormOutlined />, texts: ['office'] },
  { id: 'approvals', path: '/approvals', icon: <BranchesOutlined />, texts: ['office', 'committee'] },
  { id: 'deadlines', path: '/deadlines', icon: <FieldTimeOutlined />, texts: ['office'] },
  { id: 'contracts', path: '/contracts', icon: <FileProtectOutlined />, texts: ['clinician', 'company_researcher', 'office', 'committee'] },
  { id: 'ethics', path: '/ethics', icon: <MedicineBoxOutlined />, texts: ['clinician', 'researcher', 'office', 'committee'] },
  { id: 'ethicsDeadlines', path: '/ethics/deadlines', icon: <ScheduleOutlined />, texts: [] },
  { id: 'ethicsCommittees', path: '/ethics/committees', icon: <ClusterOutlined />, texts: [] },
  { id: 'ip', path: '/ip', icon: <CopyrightOutlined />, texts: ['clinician', 'researcher', 'office'] },
  { id: 'coiDeclaration', path: '/coi/declaration', icon: <SolutionOutlined />, texts: [] },
  { id: 'coiManagement', path: '/coi/management', icon: <FileProtectOutlined />, texts: ['office', 'coi_committee'] },
  { id: 'confidentiality', path: '/confidentiality', icon: <SafetyCertificateOutlined />, texts: [] },
  { id: 'building', path: '/building', icon: <BankOutlined />, texts: ['office'] },
  { id: 'events', path: '/events', icon: <CalendarOutlined />, texts: ['office'] },
  { id: 'people', path: '/people', icon: <TeamOutlined />, texts: [] },
  { id: 'organisations', path: '/organisations', icon: <ApartmentOutlined />, texts: [] },
  { id: 'mail', path: '/mail', icon: <SendOutlined />, texts: ['office'] },
  { id: 'audit', path: '/audit', icon: <AuditOutlined />, texts: ['office'] },
  { id: 'account', path: '/account', icon: <SettingOutlined />, texts: [] },
];

/** Whose point of view a line is written from, when a person holds several roles. */
const VIEWPOINTS: Role[] = ['office', 'coi_committee', 'committee', 'company_researcher', 'researcher', 'clinician'];

export interface GuideItem {
  id: string;
  path: string;
  icon: ReactNode;
  labelKey: string;
  textKey: string;
}

/** The entries a person with these roles may use, each with the i18n keys of its label and line. */
export function guideFor(roles: readonly string[]): GuideItem[] {
  return GUIDE.filter((entry) => mayOpen(entry.path, roles) && (!entry.roles || hasAnyRole(roles, entry.roles))).map((entry) => {
    const viewpoint = VIEWPOINTS.find((role) => roles.includes(role) && entry.texts.includes(role));
    return {
      id: entry.id,
      path: entry.path,
      icon: entry.icon,
      labelKey: `home.do.${entry.id}.label`,
      textKey: `home.do.${entry.id}.${viewpoint ?? 'any'}`,
    };
  });
}
