// Ethics review (倫理審査, docs/ethics.md): the protocol list, a protocol's page, the deadlines
// and the office's committees, rules and turnaround.
import { Route, Routes } from 'react-router';
import type { Me } from '../../shell/api';
import { CommitteesPage } from './CommitteesPage';
import { DeadlinesPage } from './DeadlinesPage';
import './ethics.css';
import { ProtocolListPage } from './ProtocolListPage';
import { ProtocolPage } from './ProtocolPage';

export function EthicsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<ProtocolListPage me={me} />} />
      <Route path="deadlines" element={<DeadlinesPage me={me} />} />
      <Route path="committees" element={<CommitteesPage me={me} />} />
      <Route path="protocols/:id" element={<ProtocolPage me={me} />} />
    </Routes>
  );
}
