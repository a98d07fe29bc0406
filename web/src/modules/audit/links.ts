// Where an audit entry's record lives in the app, so the log can link to it.

/** Kinds whose entity id is a person (their profile page shows who they are). */
const PERSON_KINDS = new Set(['person', 'profile', 'calendar_token']);

/** The page of an entity, or null for kinds that have no page of their own. */
export function entityLink(entity: string, id: string): string | null {
  const path = encodeURIComponent(id);
  if (PERSON_KINDS.has(entity)) return `/exchange/people/${path}`;
  switch (entity) {
    case 'project':
      return `/projects/${path}`;
    case 'need':
      return `/exchange/needs/${path}`;
    case 'seed':
      return `/exchange/seeds/${path}`;
    case 'exchange_judgment': // "<need_id>:<seed_id>": the need's page lists its suggestions
      return `/exchange/needs/${encodeURIComponent(id.split(':')[0])}`;
    case 'contract':
      return `/contracts/${path}`;
    case 'coi_case':
      return `/coi/cases/${path}`;
    case 'ethics_protocol':
      return `/ethics/protocols/${path}`;
    case 'ip_invention':
      return `/ip/inventions/${path}`;
    case 'opencall_call':
      return `/opencall/${path}`;
    case 'opencall_proposal':
      return `/opencall/proposals/${path}`;
    case 'committee_meeting':
      return `/committee/meetings/${path}`;
    case 'budget_plan':
    case 'budget_spending':
      return '/budget';
    case 'budget_change':
      return `/budget?change=${path}`;
    case 'survey':
      return `/surveys/${path}`;
    case 'approval_rule':
      return '/approvals';
    case 'organisation':
      return '/organisations';
    default:
      return null;
  }
}

/** A person's page (the actor of an entry). */
export function personLink(id: string): string {
  return entityLink('person', id)!;
}

/** The kinds the log knows, for the record-type filter (each has a label in entities.*). */
export const AUDIT_ENTITIES = [
  'mail_preferences',
  'mail_defaults',
  'mail_message',
  'person',
  'organisation',
  'need',
  'seed',
  'profile',
  'introduction',
  'confidentiality_grant',
  'synonyms',
  'exchange_judgment',
  'exchange_ranking',
  'project',
  'project_gate',
  'project_milestone',
  'project_report',
  'project_document',
  'project_product',
  'project_meeting',
  'project_meeting_decision',
  'project_setting',
  'contract',
  'contract_template',
  'coi_declaration',
  'coi_case',
  'coi_thresholds',
  'space',
  'floor',
  'booking',
  'booking_series',
  'event',
  'event_registration',
  'calendar_token',
  'inbox_item',
  'strategic_area',
  'ethics_protocol',
  'ethics_committee',
  'ethics_meeting',
  'ethics_template',
  'ethics_rule',
  'ip_invention',
  'ip_publication',
  'ip_reward_rules',
  'opencall_call',
  'opencall_proposal',
  'committee_meeting',
  'committee_item',
  'committee_member',
  'committee_rules',
  'budget_plan',
  'budget_spending',
  'budget_change',
  'survey',
  'approval_chain',
  'approval_rule',
] as const;
