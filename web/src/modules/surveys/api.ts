// TanStack Query hooks and wire types of surveys (issue 18, src/modules/surveys/routes.cpp).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { inboxKeys } from '../inbox/keys';
import { surveysKeys } from './keys';
import type { Answers, AudienceRole, Question, SurveyStatus } from './model';

export interface PersonRef {
  id: string;
  name_ja: string;
  name_en: string;
}

export interface ImportedInfo {
  sample_size: number;
  conducted: string;
  citation_ja: string;
  citation_en: string;
}

export interface SurveySummary {
  id: string;
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  status: SurveyStatus;
  source: 'live' | 'imported';
  anonymous: boolean;
  results_to_respondents: boolean;
  audience_roles: AudienceRole[];
  closes_on: string | null;
  sent_at: string | null;
  closed_at: string | null;
  created_at: string;
  questions_total: number;
  recipients: number;
  answered: number;
  imported: ImportedInfo | null;
}

export interface Survey extends SurveySummary {
  questions: Question[];
  audience_people: PersonRef[];
  /** The office's view of a named survey: who was asked and who has answered. */
  recipient_list: { person: PersonRef; answered: boolean; answered_at: string | null }[];
  answered_by_me: boolean;
  my_answers: Answers | null;
  in_audience: boolean;
  may: { manage: boolean; edit: boolean; answer: boolean; results: boolean; responses: boolean };
}

export interface QuestionResult {
  answered: number;
  /** Imported: whether the source published any figure for the question. */
  published: boolean;
  options: { count: number | null; percent: number | null }[];
  scale: number[];
  mean: number | null;
  texts: string[];
}

export interface Results extends SurveySummary {
  questions: Question[];
  respondents: number;
  results: QuestionResult[];
}

export interface SurveyInput {
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  questions: Question[];
  anonymous: boolean;
  results_to_respondents: boolean;
  audience_roles: AudienceRole[];
  audience_people: string[];
  closes_on: string | null;
}

const path = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const exportUrl = (id: string, what: 'results' | 'responses', format: 'csv' | 'xlsx', lang: string) =>
  `${path(id)}/${what}.${format}?lang=${lang.startsWith('en') ? 'en' : 'ja'}`;

export function refreshSurveys(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
}

export function useSurveys() {
  return useQuery({
    queryKey: surveysKeys.list,
    queryFn: ({ signal }) => api<{ items: SurveySummary[] }>('/api/surveys', { signal }).then((b) => b.items),
  });
}

export function useSurvey(id: string) {
  return useQuery({ queryKey: surveysKeys.survey(id), queryFn: ({ signal }) => api<Survey>(path(id), { signal }), enabled: id !== '' });
}

export function useResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: surveysKeys.results(id),
    queryFn: ({ signal }) => api<Results>(`${path(id)}/results`, { signal }),
    enabled: id !== '' && enabled,
  });
}

export function useSaveSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SurveyInput }) =>
      id ? api<Survey>(path(id), { method: 'PUT', body: input }) : api<Survey>('/api/surveys', { method: 'POST', body: input }),
    onSuccess: () => refreshSurveys(queryClient),
  });
}

export function useSurveyAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'send' | 'close' | 'delete' }) =>
      action === 'delete' ? api<void>(path(id), { method: 'DELETE' }).then(() => null) : api<Survey>(`${path(id)}/${action}`, { method: 'POST' }),
    onSuccess: () => refreshSurveys(queryClient),
  });
}

export function useRespond(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: Answers) => api<Survey>(`${path(id)}/response`, { method: 'PUT', body: { answers } }),
    onSuccess: () => refreshSurveys(queryClient),
  });
}
