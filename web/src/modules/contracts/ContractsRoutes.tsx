// Contracts (契約): the list with filters, a contract's page (parties, terms, status actions,
// negotiation log, draft download), the office's template admin and the turnaround table.
import { Route, Routes } from 'react-router';
import type { Me } from '../../shell/api';
import { ContractList } from './ContractListPage';
import { ContractPage } from './ContractPage';
import { TemplatesPage } from './TemplatesPage';
import { TurnaroundPage } from './TurnaroundPage';

export function ContractsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<ContractList me={me} />} />
      <Route path="templates" element={<TemplatesPage me={me} />} />
      <Route path="turnaround" element={<TurnaroundPage me={me} />} />
      <Route path=":id" element={<ContractPage me={me} />} />
    </Routes>
  );
}
