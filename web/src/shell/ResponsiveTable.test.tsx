import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp, renderWithProviders, screenIsPhone, tanaka } from '../test/util';
import i18n from './i18n';
import { ResponsiveTable } from './ResponsiveTable';

interface Row {
  id: string;
  title: string;
  kind: string;
  lead: string;
}
const rows: Row[] = [
  { id: 'a', title: '貼付型ウェアラブル心電図パッチによる心房細動の早期発見', kind: '戦略研究', lead: '' },
  { id: 'b', title: '看護記録の音声入力', kind: '共同・受託研究', lead: '森 彩' },
];

function List({ onOpen }: { onOpen?: (row: Row) => void }) {
  return (
    <ResponsiveTable<Row>
      rowKey="id"
      dataSource={rows}
      cardTestId="card"
      onRow={(row) => ({ onClick: () => onOpen?.(row) })}
      columns={[
        { key: 'kind', title: '種別', dataIndex: 'kind' },
        { key: 'title', title: '課題名', card: 'title', dataIndex: 'title' },
        { key: 'lead', title: '企業側責任者', dataIndex: 'lead' },
        { key: 'act', render: (_, row) => <button type="button">開く {row.id}</button> },
      ]}
    />
  );
}

describe('ResponsiveTable', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is a table on a wide screen', () => {
    screenIsPhone(false);
    renderWithProviders(<List />);
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '課題名' })).toBeInTheDocument();
    expect(screen.queryByTestId('card')).not.toBeInTheDocument();
  });

  it('is a list of cards on a phone: the title heads each card, labelled fields follow, empty ones are left out', async () => {
    screenIsPhone(true);
    const opened: string[] = [];
    renderWithProviders(<List onOpen={(row) => opened.push(row.id)} />);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const cards = screen.getAllByTestId('card');
    expect(cards).toHaveLength(2);
    const first = within(cards[0]);
    expect(cards[0].querySelector('.card-list-title')).toHaveTextContent('貼付型ウェアラブル心電図パッチによる心房細動の早期発見');
    expect(first.getByText('種別')).toBeInTheDocument();
    expect(first.getByText('戦略研究')).toBeInTheDocument();
    expect(first.queryByText('企業側責任者')).not.toBeInTheDocument(); // no company lead: no line
    expect(within(cards[1]).getByText('森 彩')).toBeInTheDocument();
    // The column without a heading is the card's button row; a tap on the card opens its row.
    expect(cards[0].querySelector('.card-list-actions')).toHaveTextContent('開く a');
    await userEvent.click(within(cards[1]).getByText('看護記録の音声入力'));
    expect(opened).toEqual(['b']);
  });
});

describe('the menu on a phone', () => {
  beforeEach(async () => {
    window.localStorage.clear();
    await i18n.changeLanguage('ja');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('is a drawer with the pages named, opened from the header and closed by a choice', async () => {
    screenIsPhone(true);
    fakeServer({
      'GET /api/me': () => json(200, { ...tanaka, csrf_token: 't' }),
      'GET /api/organisations': () => json(200, { items: [] }),
    });
    renderApp('/');
    await screen.findByText('田中 健二 さん、ようこそ');
    expect(document.querySelector('.app-sider')).toBeNull(); // no strip of icons
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'メニュー' }));
    const drawer = await screen.findByRole('dialog');
    const items = within(drawer)
      .getAllByRole('menuitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      'ホーム',
      '受信箱',
      '共同研究',
      '学内公募',
      'ニーズ・シーズ',
      '紹介依頼',
      '契約',
      '倫理審査',
      '知財',
      '施設・予約',
      'イベント',
      '利益相反の申告',
      'アカウント設定',
    ]);
    await user.click(within(drawer).getByRole('link', { name: 'アカウント設定' }));
    expect(await screen.findByRole('heading', { name: 'アカウント設定' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'メニュー' })).toHaveAttribute('aria-expanded', 'false');
  }, 60_000);
});
