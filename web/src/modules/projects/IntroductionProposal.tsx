// A proposal that comes from an accepted introduction (/projects?introduction=ID): the form is
// prefilled from the introduction's need and seed, and the proposal records the project on the
// introduction (outcome "project proposal").
import { useQuery } from '@tanstack/react-query';
import { api, type Me } from '../../shell/api';
import type { Introduction, Need, Seed } from '../exchange/api';
import type { Project } from './api';
import { projectsKeys } from './keys';
import { prefillFromIntroduction, ProposeProjectModal } from './ProposeProjectModal';

async function loadPrefill(id: string, signal: AbortSignal) {
  const intro = await api<Introduction>(`/api/exchange/introductions/${encodeURIComponent(id)}`, { signal });
  const pick = async <T,>(type: 'need' | 'seed'): Promise<T | null> => {
    const itemId = intro.item_type === type ? intro.item_id : intro.via_type === type ? intro.via_id : null;
    if (!itemId) return null;
    try {
      return await api<T>(`/api/exchange/${type}s/${encodeURIComponent(itemId)}`, { signal });
    } catch {
      return null; // not visible to this person: left out
    }
  };
  const [need, seed] = await Promise.all([pick<Need>('need'), pick<Seed>('seed')]);
  return { intro, need, seed };
}

export function IntroductionProposal({
  me,
  introductionId,
  onClose,
  onCreated,
}: {
  me: Me;
  introductionId: string;
  onClose: () => void;
  onCreated: (p: Project) => void;
}) {
  const data = useQuery({
    queryKey: projectsKeys.introductionPrefill(introductionId),
    queryFn: ({ signal }) => loadPrefill(introductionId, signal),
    retry: false,
  });
  if (!data.data) return null;
  const { intro, need, seed } = data.data;
  const knownLinks = [
    ...(need ? [{ kind: 'need' as const, id: need.id, title: need.title }] : []),
    ...(seed ? [{ kind: 'seed' as const, id: seed.id, title: seed.title }] : []),
  ];
  const knownPeople = [...(need ? [need.author] : []), ...(seed ? [seed.author] : [])];
  return (
    <ProposeProjectModal
      me={me}
      open
      onClose={onClose}
      onCreated={onCreated}
      prefill={prefillFromIntroduction(intro, need, seed)}
      introductionId={intro.id}
      knownLinks={knownLinks}
      knownPeople={knownPeople}
    />
  );
}
