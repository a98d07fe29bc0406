// TanStack Query hook for the office's view of deadlines (GET /api/deadlines, docs/deadlines.md),
// and the URLs of its CSV and Excel exports.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, buildUrl, type Language } from '../../shell/api';
import { deadlinesKeys } from './keys';

export interface PersonName {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface ProjectName {
  id: string;
  title_ja: string;
  title_en: string;
}

export interface Deadline {
  due_on: string;
  kind: string;
  kind_label_ja: string;
  kind_label_en: string;
  title_ja: string;
  title_en: string;
  about_ja: string;
  about_en: string;
  project: ProjectName | null;
  people: PersonName[];
  link: string;
  legal: boolean;
}

export interface Week {
  week_start: string;
  items: Deadline[];
}

export interface DeadlineView {
  from: string;
  to: string;
  days: number;
  total: number;
  weeks: Week[];
  kinds: string[];
  projects: ProjectName[];
  people: PersonName[];
}

export interface DeadlineQuery {
  from: string;
  days: number;
  kind?: string;
  project_id?: string;
  person_id?: string;
}

export function useDeadlineView(query: DeadlineQuery) {
  return useQuery({
    queryKey: deadlinesKeys.view(query),
    queryFn: ({ signal }) => api<DeadlineView>('/api/deadlines', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const exportUrl = (query: DeadlineQuery, format: 'csv' | 'xlsx', lang: Language) => buildUrl('/api/deadlines', { ...query, format, lang });
