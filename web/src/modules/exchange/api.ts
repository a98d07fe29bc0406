// TanStack Query hooks for the exchange (研究創出): needs, seeds, profiles, search, suggestions,
// introductions and confidentiality grants (/api/exchange/…, see docs/exchange.md).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shell/api';
import { currentLanguage } from '../../shell/i18n';
import { exchangeKeys } from './keys';

export const AREAS = ['precision_medicine', 'stem_cell', 'microbiome', 'medical_device', 'other'] as const;
export type Area = (typeof AREAS)[number];
export const SEED_KINDS = ['material', 'technology', 'device', 'data', 'method', 'theme'] as const;
export type SeedKind = (typeof SEED_KINDS)[number];
export const OUTCOMES = ['no_follow_up', 'project_proposal', 'project_started'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface AuthorRef {
  id: string;
  name_ja: string;
  name_en: string;
}

/** What everyone sees of a confidential need or seed (tiered disclosure), written by its owner. */
export interface Teaser {
  title_ja: string;
  title_en: string;
  body: string;
  area: string;
  kind: string;
}

/** The caller's "詳細を見る (NDA を依頼)": the draft NDA it opened in the contracts module. */
export interface DisclosureRequest {
  id: string;
  item_type: 'need' | 'seed';
  item_id: string;
  contract_id: string;
  link: string;
  created_at: string;
  notified_at: string | null;
}

/** A confidential need or seed as someone not entitled to its details gets it: the teaser only. */
export interface TeaserItem {
  id: string;
  type: 'need' | 'seed';
  disclosure: 'teaser';
  confidential: true;
  company_id: string | null;
  teaser: Teaser;
  title: string;
  area: string;
  status: string;
  created_at: string;
  updated_at: string;
  /** On the item's own page: the caller's request for the details, if any. */
  disclosure_request?: DisclosureRequest | null;
}

export function isTeaser(item: unknown): item is TeaserItem {
  return !!item && typeof item === 'object' && (item as { disclosure?: string }).disclosure === 'teaser';
}

/** The teaser's title in the reader's language (Japanese when there is no English one). */
export function teaserTitle(teaser: Teaser, language: 'ja' | 'en'): string {
  return language === 'en' && teaser.title_en ? teaser.title_en : teaser.title_ja;
}

export interface Need {
  id: string;
  type: 'need';
  author: AuthorRef;
  organisation_id: string | null;
  title: string;
  problem: string;
  current_practice: string;
  patients: string;
  desired_outcome: string;
  area: string;
  tags: string[];
  confidential?: boolean;
  company_id?: string | null;
  teaser?: Teaser | null;
  disclosure?: 'full';
  status: 'draft' | 'open' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface Seed {
  id: string;
  type: 'seed';
  author: AuthorRef;
  organisation_id: string | null;
  company_id: string | null;
  kind: SeedKind;
  title: string;
  description: string;
  capabilities: string[];
  area: string;
  confidential: boolean;
  teaser?: Teaser | null;
  disclosure?: 'full';
  status: 'draft' | 'open' | 'withdrawn';
  created_at: string;
  updated_at: string;
}

export interface Profile {
  id?: string;
  person_id: string;
  type: 'profile';
  name_ja: string;
  name_en: string;
  organisation_id: string | null;
  roles: string[];
  expertise: string;
  keywords: string[];
  updated_at: string;
}

export interface Segment {
  text: string;
  hit: boolean;
}

export interface Reason {
  /** office: the office confirmed the pair relevant (the label says so, in the language asked). */
  kind: 'concept' | 'word' | 'area' | 'office';
  label: string;
}

export type ItemType = 'need' | 'seed' | 'profile';

export interface Hit {
  type: ItemType;
  id: string;
  item: Need | Seed | Profile | TeaserItem;
  score: number | null;
  reasons: Reason[];
  title_highlight?: Segment[];
  snippet?: Segment[];
  /** A need's or seed's suggestions, for the office only: its judgment on the pair. */
  judgment?: { relevant: boolean };
}

export interface SearchResult {
  total: number;
  items: Hit[];
}

export interface NeedSuggestions {
  need_id: string;
  seeds: Hit[];
  people: Hit[];
}

export interface SeedSuggestions {
  seed_id: string;
  needs: Hit[];
  people: Hit[];
}

export interface MySuggestions {
  personalised: boolean;
  needs: Hit[];
  seeds: Hit[];
}

export interface Grant {
  id: string;
  person_id: string;
  company_id: string;
  starts_at: string;
  ends_at: string;
  note: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  active: boolean;
}

export interface Introduction {
  id: string;
  requester_id: string;
  owner_id: string;
  item_type: 'need' | 'seed';
  item_id: string;
  item_title: string;
  via_type: 'need' | 'seed' | null;
  via_id: string | null;
  message: string;
  status: 'requested' | 'accepted' | 'declined';
  decided_by: string | null;
  decided_at: string | null;
  meeting_at: string | null;
  outcome: Outcome | null;
  outcome_note: string;
  outcome_at: string | null;
  project_id: string | null;
  booking_id: string | null;
  created_at: string;
  updated_at: string;
  proposed_slots: string[];
  /** Free meeting-room slots where both sides are free (building module), until a meeting is booked. */
  meeting_slots: MeetingSlot[];
}

export interface MeetingSlot {
  space_id: string;
  space_name_ja: string;
  space_name_en: string;
  start: string;
  end: string;
}

export interface NeedInput {
  title?: string;
  problem?: string;
  current_practice?: string;
  patients?: string;
  desired_outcome?: string;
  area?: string;
  status?: string;
  tags?: string[];
  confidential?: boolean;
  teaser?: Teaser | null;
}

export interface SeedInput {
  kind?: string;
  title?: string;
  description?: string;
  capabilities?: string[];
  area?: string;
  status?: string;
  confidential?: boolean;
  teaser?: Teaser | null;
}

export interface SearchFilters {
  q?: string;
  type?: '' | ItemType;
  area?: string;
  kind?: string;
  status?: string;
  organisation_id?: string;
  author_id?: string;
  mine?: boolean;
  offset?: number;
  limit?: number;
}

const enc = encodeURIComponent;

/** Hit title as plain text (needs and seeds have a title, people a name). */
export function hitTitle(hit: Hit, language: 'ja' | 'en'): string {
  const item = hit.item;
  if (isTeaser(item)) return teaserTitle(item.teaser, language);
  if ('title' in item) return item.title;
  return language === 'en' ? item.name_en || item.name_ja : item.name_ja || item.name_en;
}

export function useSearch(filters: SearchFilters) {
  const lang = currentLanguage();
  return useQuery({
    queryKey: exchangeKeys.search(filters, lang),
    queryFn: ({ signal }) =>
      api<SearchResult>('/api/exchange/search', {
        query: { ...filters, mine: filters.mine ? 'true' : undefined, lang },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useNeed(id: string | undefined) {
  return useQuery({
    queryKey: exchangeKeys.need(id),
    queryFn: ({ signal }) => api<Need | TeaserItem>(`/api/exchange/needs/${enc(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useSeed(id: string | undefined) {
  return useQuery({
    queryKey: exchangeKeys.seed(id),
    queryFn: ({ signal }) => api<Seed | TeaserItem>(`/api/exchange/seeds/${enc(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function useNeedSuggestions(id: string | undefined, enabled = true) {
  const lang = currentLanguage();
  return useQuery({
    queryKey: exchangeKeys.needSuggestions(id, lang),
    queryFn: ({ signal }) => api<NeedSuggestions>(`/api/exchange/needs/${enc(id!)}/suggestions`, { query: { lang, limit: 8 }, signal }),
    enabled: !!id && enabled,
  });
}

export function useSeedSuggestions(id: string | undefined, enabled = true) {
  const lang = currentLanguage();
  return useQuery({
    queryKey: exchangeKeys.seedSuggestions(id, lang),
    queryFn: ({ signal }) => api<SeedSuggestions>(`/api/exchange/seeds/${enc(id!)}/suggestions`, { query: { lang, limit: 8 }, signal }),
    enabled: !!id && enabled,
  });
}

export function useMySuggestions(limit = 5) {
  const lang = currentLanguage();
  return useQuery({
    queryKey: exchangeKeys.forMe(limit, lang),
    queryFn: ({ signal }) => api<MySuggestions>('/api/exchange/suggestions', { query: { lang, limit }, signal }),
    retry: false,
  });
}

export function useProfile(personId: string | undefined) {
  return useQuery({
    queryKey: exchangeKeys.profile(personId),
    queryFn: ({ signal }) => api<Profile>(`/api/exchange/profiles/${enc(personId!)}`, { signal }),
    enabled: !!personId,
  });
}

function useInvalidateExchange() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
}

export function useSaveProfile(personId: string) {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (body: { expertise: string; keywords: string[] }) => api<Profile>(`/api/exchange/profiles/${enc(personId)}`, { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useSaveNeed(id?: string) {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (body: NeedInput) =>
      id ? api<Need>(`/api/exchange/needs/${enc(id)}`, { method: 'PATCH', body }) : api<Need>('/api/exchange/needs', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSaveSeed(id?: string) {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (body: SeedInput) =>
      id ? api<Seed>(`/api/exchange/seeds/${enc(id)}`, { method: 'PATCH', body }) : api<Seed>('/api/exchange/seeds', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** "詳細を見る (NDA を依頼)": opens a draft NDA for the office; 409 when already asked. */
export function useRequestDetails() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: ({ type, id }: { type: 'need' | 'seed'; id: string }) =>
      api<DisclosureRequest>(`/api/exchange/${type}s/${enc(id)}/disclosure-request`, { method: 'POST' }),
    onSettled: invalidate,
  });
}

export function useIntroductions(all = false) {
  return useQuery({
    queryKey: exchangeKeys.introductions(all),
    queryFn: ({ signal }) =>
      api<{ items: Introduction[] }>('/api/exchange/introductions', { query: { all: all ? 'true' : undefined }, signal }).then((body) => body.items),
  });
}

export function useRequestIntroduction() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (body: { item_type: 'need' | 'seed'; item_id: string; via_type?: string; via_id?: string; message?: string }) =>
      api<Introduction>('/api/exchange/introductions', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useDecideIntroduction() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: ({ id, accept, meeting_at }: { id: string; accept: boolean; meeting_at?: string }) =>
      api<Introduction>(`/api/exchange/introductions/${enc(id)}/${accept ? 'accept' : 'decline'}`, {
        method: 'POST',
        body: accept && meeting_at ? { meeting_at } : {},
      }),
    onSuccess: invalidate,
  });
}

/** Books one proposed slot for both sides in one click. */
export function useBookIntroductionMeeting() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: ({ id, slot }: { id: string; slot: MeetingSlot }) =>
      api<Introduction>(`/api/exchange/introductions/${enc(id)}/meeting`, {
        method: 'POST',
        body: { space_id: slot.space_id, start: slot.start, end: slot.end },
      }),
    onSuccess: invalidate,
  });
}

export function useRecordOutcome() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: ({ id, outcome, note }: { id: string; outcome: Outcome; note: string }) =>
      api<Introduction>(`/api/exchange/introductions/${enc(id)}/outcome`, { method: 'POST', body: { outcome, note } }),
    onSuccess: invalidate,
  });
}

export function useGrants() {
  return useQuery({
    queryKey: exchangeKeys.grants,
    queryFn: ({ signal }) => api<{ items: Grant[] }>('/api/exchange/grants', { signal }).then((body) => body.items),
  });
}

export function useCreateGrant() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (body: { person_id: string; company_id: string; starts_at: string; ends_at: string; note: string }) =>
      api<Grant>('/api/exchange/grants', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useRevokeGrant() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: (id: string) => api<Grant>(`/api/exchange/grants/${enc(id)}/revoke`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

/** The office's judgment on a (need, seed) pair: relevant or not (one per pair, the latest click). */
export interface Judgment {
  need_id: string;
  seed_id: string;
  relevant: boolean;
  judged_by: string;
  judged_by_name_ja: string;
  judged_by_name_en: string;
  judged_at: string;
}

/** A need's judgments with the seeds as the office may see them (a confidential seed's teaser). */
export interface JudgedSeed extends Judgment {
  seed: Seed | TeaserItem;
}

export function useNeedJudgments(needId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.needJudgments(needId),
    queryFn: ({ signal }) => api<{ items: JudgedSeed[] }>(`/api/exchange/needs/${enc(needId!)}/judgments`, { signal }),
    enabled: !!needId && enabled,
  });
}

/** The same judgments from a seed's side, with the needs as the office may see them. */
export interface JudgedNeed extends Judgment {
  need: Need | TeaserItem;
}

export function useSeedJudgments(seedId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.seedJudgments(seedId),
    queryFn: ({ signal }) => api<{ items: JudgedNeed[] }>(`/api/exchange/seeds/${enc(seedId!)}/judgments`, { signal }),
    enabled: !!seedId && enabled,
  });
}

/** The latest run of `renkei exchange train` (docs/exchange.md "Learning from the centre's decisions"). */
export interface RankingRun {
  id: string;
  trained_at: string;
  trained_by: string | null;
  adopted: boolean;
  reason: string;
  decisions: number;
  lists: number;
  pairs: number;
  ndcg_before: number;
  ndcg_after: number;
  weights: { feature: string; weight: number }[];
}

/** How suggestions are ranked (office and admin): the latest learning run, or null before the first. */
export function useRanking(enabled = true) {
  return useQuery({
    queryKey: exchangeKeys.ranking(),
    queryFn: ({ signal }) => api<{ run: RankingRun | null }>('/api/exchange/ranking', { signal }),
    enabled,
  });
}

/** One click on a (need, seed) pair: relevant (true), not relevant (false), or no judgment (null: clears it). */
export function useJudge() {
  const invalidate = useInvalidateExchange();
  return useMutation({
    mutationFn: async ({ needId, seedId, relevant }: { needId: string; seedId: string; relevant: boolean | null }): Promise<Judgment | null> => {
      const path = `/api/exchange/needs/${enc(needId)}/judgments/${enc(seedId)}`;
      if (relevant !== null) return api<Judgment>(path, { method: 'PUT', body: { relevant } });
      await api<void>(path, { method: 'DELETE' });
      return null;
    },
    onSuccess: invalidate,
  });
}
