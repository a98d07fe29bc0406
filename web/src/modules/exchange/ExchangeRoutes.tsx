// The exchange's pages under /exchange (the shell mounts this at exchange/*).
import { Route, Routes } from 'react-router';
import type { Me } from '../../shell/api';
import { NeedDetailPage, SeedDetailPage } from './DetailPages';
import { ExchangePage } from './ExchangePage';
import { NeedFormPage } from './NeedFormPage';
import { PersonProfilePage, ProfilePage } from './ProfilePage';
import { SeedFormPage } from './SeedFormPage';

export function ExchangeRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<ExchangePage me={me} />} />
      <Route path="needs/new" element={<NeedFormPage me={me} />} />
      <Route path="needs/:id/edit" element={<NeedFormPage me={me} />} />
      <Route path="needs/:id" element={<NeedDetailPage me={me} />} />
      <Route path="seeds/new" element={<SeedFormPage />} />
      <Route path="seeds/:id/edit" element={<SeedFormPage />} />
      <Route path="seeds/:id" element={<SeedDetailPage me={me} />} />
      <Route path="profile" element={<ProfilePage me={me} />} />
      <Route path="people/:id" element={<PersonProfilePage />} />
    </Routes>
  );
}
