import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/util';
import i18n from './i18n';
import { RoleTags } from './RoleTags';

const all = ['admin', 'office', 'committee', 'clinician', 'researcher', 'company_researcher'];

describe('RoleTags', () => {
  afterEach(async () => {
    await i18n.changeLanguage('ja');
  });

  it('names every role in Japanese in the Japanese UI', async () => {
    await i18n.changeLanguage('ja');
    renderWithProviders(<RoleTags roles={all} />);
    for (const label of ['システム管理者', '事務局', '運営委員', '臨床医・医学研究者', '研究者', '企業研究者']) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.queryByText('clinician')).not.toBeInTheDocument();
  });

  it('names roles in English in the English UI', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<RoleTags roles={['clinician', 'company_researcher']} />);
    expect(screen.getByText('Clinician / medical researcher')).toBeInTheDocument();
    expect(screen.getByText('Company researcher')).toBeInTheDocument();
  });

  it('shows an unknown role by its code rather than hiding it', async () => {
    renderWithProviders(<RoleTags roles={['auditor']} />);
    expect(screen.getByText('auditor')).toBeInTheDocument();
  });
});
