// After a one-click action in the inbox, every module's cached answers are stale: the budget
// overview, the contract and the project show the decision when they are opened next.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { isSafeActionPath, refreshAfterAction } from './api';
import { inboxKeys } from './keys';

describe('refreshAfterAction', () => {
  it('marks the inbox and every other module’s queries stale', () => {
    const client = new QueryClient();
    const keys = [inboxKeys.all, ['budget', 'overview', 2026], ['contracts', 'c-1'], ['projects', 'p-1'], ['approvals', 'chain', 'a-1']];
    for (const key of keys) client.setQueryData(key, { cached: true });
    refreshAfterAction(client);
    for (const key of keys) expect(client.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(true);
  });

  it('performs only actions on the API', () => {
    expect(isSafeActionPath('/api/approvals/a-1/approve')).toBe(true);
    for (const bad of ['//evil.example/api/x', '/api/../admin', 'https://evil.example/api/x', '/logout']) expect(isSafeActionPath(bad), bad).toBe(false);
  });
});
