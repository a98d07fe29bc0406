// Query keys of the people module (people and organisations): all start with 'people' (one owner
// per key, src/queryKeys.test.ts). `organisationList` holds the organisations as an array.
const all = ['people'] as const;

export const peopleKeys = {
  all,
  persons: [...all, 'persons'] as const,
  personList: (filters: object) => [...all, 'persons', 'list', filters] as const,
  organisations: [...all, 'organisations'] as const,
  organisationList: (active: string) => [...all, 'organisations', active] as const,
};
