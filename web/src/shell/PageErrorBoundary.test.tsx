import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { fakeServer, json, tanaka } from '../test/util';
import { createQueryClient, Providers } from './App';
import { AppLayout } from './AppLayout';
import i18n from './i18n';

const me = { ...tanaka, csrf_token: 'csrf' };

let flakyFails = false;
/** A page that fails until it is fixed. */
function Flaky() {
  if (flakyFails) throw new Error('reading the wrong shape');
  return <div>page works now</div>;
}

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'find')");
}

function renderShell(path: string) {
  return render(
    <Providers queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route element={<AppLayout me={me} />}>
            <Route index element={<div>the home page</div>} />
            <Route path="coi/declaration" element={<Broken />} />
            <Route path="inbox" element={<Flaky />} />
            <Route path="projects" element={<div>the projects page</div>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

const swallow = (event: ErrorEvent) => event.preventDefault();
const menu = () => within(screen.getByRole('menu'));

describe('a page that throws', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
    fakeServer({
      'GET /api/inbox/count': () => json(200, { open: 0, overdue: 0 }),
      'GET /api/notifications': () => json(200, { items: [], unread_count: 0 }),
    });
    // React reports errors caught by a boundary on the console, and (for a concurrent render it
    // finished again synchronously) as a window error event, which Vitest would count as unhandled.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    window.addEventListener('error', swallow);
    flakyFails = false;
  });
  afterEach(async () => {
    window.removeEventListener('error', swallow);
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    await i18n.changeLanguage('ja');
  });

  it('shows a message in its place while the header and the menu stay', async () => {
    renderShell('/coi/declaration');
    const message = await screen.findByTestId('page-error');
    expect(within(message).getByText('このページを表示できませんでした')).toBeInTheDocument();
    expect(within(message).getByText(/詳細: Cannot read properties of undefined/)).toBeInTheDocument();
    expect(screen.getByTestId('current-user')).toHaveTextContent('田中 健二');
    expect(menu().getByRole('link', { name: 'ホーム' })).toBeInTheDocument();

    // Another page from the menu works: the boundary starts afresh on a new route.
    await userEvent.setup({ delay: null }).click(menu().getByRole('link', { name: '共同研究' }));
    expect(await screen.findByText('the projects page')).toBeInTheDocument();
    expect(screen.queryByTestId('page-error')).not.toBeInTheDocument();
  });

  it('goes back home from the message', async () => {
    renderShell('/coi/declaration');
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'ホームへ戻る' }));
    expect(await screen.findByText('the home page')).toBeInTheDocument();
    expect(screen.queryByTestId('page-error')).not.toBeInTheDocument();
  });

  it('tries the page again on "retry", in English too', async () => {
    await i18n.changeLanguage('en');
    flakyFails = true;
    renderShell('/inbox');
    expect(await screen.findByText('This page could not be shown')).toBeInTheDocument();
    expect(menu().getByRole('link', { name: 'Home' })).toBeInTheDocument();
    flakyFails = false;
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('page works now')).toBeInTheDocument();
  });
});
