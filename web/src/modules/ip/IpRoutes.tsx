// Intellectual property (知財, docs/ip.md): the inventions, an invention's page, the legal
// deadlines and the rewards.
import { Route, Routes } from 'react-router';
import type { Me } from '../../shell/api';
import { DeadlinesPage } from './DeadlinesPage';
import { InventionListPage } from './InventionListPage';
import { InventionPage } from './InventionPage';
import './ip.css';
import { RewardsPage } from './RewardsPage';

export function IpRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<InventionListPage />} />
      <Route path="deadlines" element={<DeadlinesPage />} />
      <Route path="rewards" element={<RewardsPage me={me} />} />
      <Route path="inventions/:id" element={<InventionPage me={me} />} />
    </Routes>
  );
}
