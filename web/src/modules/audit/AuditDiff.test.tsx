import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/util';
import { AuditDiff } from './AuditDiff';

describe('AuditDiff', () => {
  it('shows before and after side by side and highlights only the changed keys', () => {
    const { container } = renderWithProviders(
      <AuditDiff
        before={{ email: 'a@renkei.example', name_ja: '田中 健二', active: true }}
        after={{ email: 'a@renkei.example', name_ja: '田中 健治', active: false }}
      />,
    );
    expect(screen.getByText('変更前')).toBeInTheDocument();
    expect(screen.getByText('変更後')).toBeInTheDocument();
    const highlighted = [...container.querySelectorAll('tr[data-changed="true"]')].map((row) => row.getAttribute('data-key'));
    expect(highlighted).toEqual(['name_ja', 'active']);
    const plain = [...container.querySelectorAll('tr[data-changed="false"]')].map((row) => row.getAttribute('data-key'));
    expect(plain).toEqual(['email']);
    const nameRow = container.querySelector('tr[data-key="name_ja"]')!;
    expect(nameRow.className).toContain('diff-changed');
    expect(nameRow.querySelector('.diff-before')!.textContent).toBe('田中 健二');
    expect(nameRow.querySelector('.diff-after')!.textContent).toBe('田中 健治');
  });

  it('names a person in a person field, keeping the id as the title', () => {
    const { container } = renderWithProviders(
      <AuditDiff before={null} after={{ person_id: 'p-1', fiscal_year: 2026, note: 'p-1' }} personName={(id) => (id === 'p-1' ? '田中 健二' : undefined)} />,
    );
    const person = container.querySelector('tr[data-key="person_id"] .diff-after pre')!;
    expect(person.textContent).toBe('田中 健二');
    expect(person.getAttribute('title')).toBe('p-1');
    expect(container.querySelector('tr[data-key="note"] .diff-after pre')!.textContent).toBe('p-1');
    expect(screen.getByText('人員')).toBeInTheDocument();
  });

  it('says that a redacted entry is withheld instead of showing an empty table', () => {
    const { container } = renderWithProviders(<AuditDiff before={null} after={null} redacted="not_entitled" />);
    expect(screen.getByTestId('audit-redacted').textContent).toContain('閲覧権限のない情報');
    expect(container.querySelector('table')).toBeNull();
  });
});
