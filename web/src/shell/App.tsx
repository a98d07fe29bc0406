import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import jaJP from 'antd/locale/ja_JP';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { AccountPage } from './AccountPage';
import { ApiError, setUnauthorizedHandler, type Me } from './api';
import { AppLayout } from './AppLayout';
import { errorMessage } from './errors';
import { HomePage } from './HomePage';
import i18n, { applyLanguage } from './i18n';
import { LoginPage } from './LoginPage';
import { REDUCED_MOTION_QUERY, useIsPhone, useMediaQuery } from './responsive';
import { hasAnyRole, type Role } from './roles';
import { signedOut, useMe, wasLoggedOutOnPurpose } from './session';
import './styles.css';

// Admin and office pages load on first use: most people (clinicians, researchers) never open them.
const PeoplePage = lazy(() => import('../modules/people/PeoplePage').then((module) => ({ default: module.PeoplePage })));
const OrganisationsPage = lazy(() => import('../modules/people/OrganisationsPage').then((module) => ({ default: module.OrganisationsPage })));
const AuditPage = lazy(() => import('../modules/audit/AuditPage').then((module) => ({ default: module.AuditPage })));
const BuildingPage = lazy(() => import('../modules/building/BuildingPage').then((module) => ({ default: module.BuildingPage })));
const EventsPage = lazy(() => import('../modules/building/EventsPage').then((module) => ({ default: module.EventsPage })));
const MailOfficePage = lazy(() => import('../modules/mail/MailOfficePage').then((module) => ({ default: module.MailOfficePage })));
const ForgotPasswordPage = lazy(() => import('../modules/mail/PasswordResetPages').then((module) => ({ default: module.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('../modules/mail/PasswordResetPages').then((module) => ({ default: module.ResetPasswordPage })));
const InboxPage = lazy(() => import('../modules/inbox/InboxPage').then((module) => ({ default: module.InboxPage })));
const ProjectsPage = lazy(() => import('../modules/projects/ProjectsPage').then((module) => ({ default: module.ProjectsPage })));
const ProjectPage = lazy(() => import('../modules/projects/ProjectPage').then((module) => ({ default: module.ProjectPage })));
const PortfolioPage = lazy(() => import('../modules/projects/PortfolioPage').then((module) => ({ default: module.PortfolioPage })));
const ExchangeRoutes = lazy(() => import('../modules/exchange/ExchangeRoutes').then((module) => ({ default: module.ExchangeRoutes })));
const IntroductionsPage = lazy(() => import('../modules/exchange/IntroductionsPage').then((module) => ({ default: module.IntroductionsPage })));
const GrantsPage = lazy(() => import('../modules/exchange/GrantsPage').then((module) => ({ default: module.GrantsPage })));
const CoiDeclarationPage = lazy(() => import('../modules/coi/DeclarationPage').then((module) => ({ default: module.DeclarationPage })));
const CoiManagementPage = lazy(() => import('../modules/coi/ManagementPage').then((module) => ({ default: module.ManagementPage })));
const CoiCasePage = lazy(() => import('../modules/coi/CasePage').then((module) => ({ default: module.CasePage })));
const ContractsRoutes = lazy(() => import('../modules/contracts/ContractsRoutes').then((module) => ({ default: module.ContractsRoutes })));
const EthicsRoutes = lazy(() => import('../modules/ethics/EthicsRoutes').then((module) => ({ default: module.EthicsRoutes })));
const IpRoutes = lazy(() => import('../modules/ip/IpRoutes').then((module) => ({ default: module.IpRoutes })));
const BudgetPage = lazy(() => import('../modules/budget/BudgetPage').then((module) => ({ default: module.BudgetPage })));
const SurveysPage = lazy(() => import('../modules/surveys/SurveysPage').then((module) => ({ default: module.SurveysPage })));
const SurveyPage = lazy(() => import('../modules/surveys/SurveyPage').then((module) => ({ default: module.SurveyPage })));
const AnswerPage = lazy(() => import('../modules/surveys/AnswerPage').then((module) => ({ default: module.AnswerPage })));
const KpiPage = lazy(() => import('../modules/kpi/KpiPage').then((module) => ({ default: module.KpiPage })));
const CallsPage = lazy(() => import('../modules/opencall/CallsPage').then((module) => ({ default: module.CallsPage })));
const CallPage = lazy(() => import('../modules/opencall/CallPage').then((module) => ({ default: module.CallPage })));
const ProposalPage = lazy(() => import('../modules/opencall/ProposalPage').then((module) => ({ default: module.ProposalPage })));
const CommitteePage = lazy(() => import('../modules/committee/CommitteePage').then((module) => ({ default: module.CommitteePage })));
const MeetingPage = lazy(() => import('../modules/committee/MeetingPage').then((module) => ({ default: module.MeetingPage })));
const RulesPage = lazy(() => import('../modules/approvals/RulesPage').then((module) => ({ default: module.RulesPage })));
const WrittenPage = lazy(() => import('../modules/committee/WrittenPage').then((module) => ({ default: module.WrittenPage })));
const DeadlinesPage = lazy(() => import('../modules/deadlines/DeadlinesPage').then((module) => ({ default: module.DeadlinesPage })));
const CheckInPage = lazy(() => import('../modules/building/CheckInPage').then((module) => ({ default: module.CheckInPage })));
const PublicEventPage = lazy(() => import('../modules/building/PublicEventPage').then((module) => ({ default: module.PublicEventPage })));

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a dropped connection might.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
    },
  });
}

const theme = {
  token: {
    colorPrimary: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Noto Sans JP', 'Noto Sans CJK JP', Meiryo, sans-serif",
  },
};

/**
 * Ant Design speaks the same language as the rest of the UI, keeps still for who asks it to, and
 * on a phone makes its controls big enough for a thumb (40 px, small ones 30 px).
 */
function LocalisedAntd({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const reducedMotion = useMediaQuery(REDUCED_MOTION_QUERY);
  const phone = useIsPhone();
  const themed = useMemo(
    () => ({
      ...theme,
      token: {
        ...theme.token,
        ...(reducedMotion ? { motion: false } : {}),
        ...(phone ? { controlHeight: 40, controlHeightSM: 30 } : {}),
      },
    }),
    [reducedMotion, phone],
  );
  return (
    // autoInsertSpace off: "登 録" is a Chinese typographic habit, not a Japanese one.
    <ConfigProvider locale={instance.language === 'en' ? enUS : jaJP} theme={themed} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Sends any 401 (expired session) back to the login page, and follows me.language. */
function SessionWatcher() {
  const queryClient = useQueryClient();
  const me = useMe();
  useEffect(() => {
    setUnauthorizedHandler(() => signedOut(queryClient));
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);
  const language = me.data?.language;
  useEffect(() => {
    if (language === 'ja' || language === 'en') void applyLanguage(language);
  }, [language]);
  return null;
}

/** To the login page, remembering where to come back to unless the person logged out. */
function ToLogin({ from }: { from: string }) {
  return <Navigate to="/login" replace state={wasLoggedOutOnPurpose() ? undefined : { from }} />;
}

function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** Renders its page for a signed-in person with one of the roles (any role when none given). */
function Guarded({ roles, page }: { roles?: Role[]; page: (me: Me) => ReactElement }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation('shell');
  if (me.isPending) return <FullPageSpin />;
  if (me.isError)
    return <Result status="error" title={errorMessage(me.error, t)} extra={<Button onClick={() => void me.refetch()}>{t('errors.retry')}</Button>} />;
  if (!me.data) return <ToLogin from={location.pathname + location.search} />;
  if (roles && !hasAnyRole(me.data.roles, roles)) return <Result status="403" title={t('errors.forbidden')} />;
  return <Suspense fallback={<FullPageSpin />}>{page(me.data)}</Suspense>;
}

function SignedInShell() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <ToLogin from={location.pathname + location.search} />;
  return <AppLayout me={me.data} />;
}

function NotFound() {
  const { t } = useTranslation('shell');
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}

export function AppRoutes() {
  return (
    <>
      <SessionWatcher />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/forgot"
          element={
            <Suspense fallback={<FullPageSpin />}>
              <ForgotPasswordPage />
            </Suspense>
          }
        />
        <Route
          path="/reset/:token"
          element={
            <Suspense fallback={<FullPageSpin />}>
              <ResetPasswordPage />
            </Suspense>
          }
        />
        <Route
          path="/public/events/:id"
          element={
            <Suspense fallback={<FullPageSpin />}>
              <PublicEventPage />
            </Suspense>
          }
        />
        <Route element={<SignedInShell />}>
          <Route index element={<Guarded page={(me) => <HomePage me={me} />} />} />
          <Route path="account" element={<Guarded page={(me) => <AccountPage me={me} />} />} />
          <Route path="people" element={<Guarded roles={['admin']} page={(me) => <PeoplePage me={me} />} />} />
          <Route path="organisations" element={<Guarded roles={['admin']} page={() => <OrganisationsPage />} />} />
          <Route path="mail" element={<Guarded roles={['office']} page={() => <MailOfficePage />} />} />
          <Route path="audit" element={<Guarded roles={['admin', 'office']} page={() => <AuditPage />} />} />
          <Route path="building" element={<Guarded page={(me) => <BuildingPage me={me} />} />} />
          <Route path="building/*" element={<Guarded page={(me) => <BuildingPage me={me} />} />} />
          <Route path="events" element={<Guarded page={(me) => <EventsPage me={me} />} />} />
          <Route path="inbox" element={<Guarded page={() => <InboxPage />} />} />
          <Route path="projects" element={<Guarded page={(me) => <ProjectsPage me={me} />} />} />
          <Route path="projects/:id/*" element={<Guarded page={(me) => <ProjectPage me={me} />} />} />
          <Route path="opencall" element={<Guarded page={(me) => <CallsPage me={me} />} />} />
          <Route path="opencall/proposals/:id" element={<Guarded page={(me) => <ProposalPage me={me} />} />} />
          <Route path="opencall/:id" element={<Guarded page={(me) => <CallPage me={me} />} />} />
          <Route path="budget" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <BudgetPage me={me} />} />} />
          <Route path="surveys" element={<Guarded page={(me) => <SurveysPage me={me} />} />} />
          <Route path="surveys/:id" element={<Guarded page={() => <SurveyPage />} />} />
          <Route path="surveys/:id/answer" element={<Guarded page={() => <AnswerPage />} />} />
          <Route path="kpi" element={<Guarded roles={['office', 'committee', 'admin']} page={() => <KpiPage />} />} />
          <Route path="portfolio" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <PortfolioPage me={me} />} />} />
          <Route path="committee" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <CommitteePage me={me} />} />} />
          <Route path="committee/meetings/:id" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <MeetingPage me={me} />} />} />
          <Route path="committee/written/:id" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <WrittenPage me={me} />} />} />
          <Route path="approvals" element={<Guarded roles={['office', 'committee', 'admin']} page={(me) => <RulesPage me={me} />} />} />
          <Route path="events/:id/checkin" element={<Guarded roles={['office', 'admin']} page={() => <CheckInPage />} />} />
          <Route path="exchange/*" element={<Guarded page={(me) => <ExchangeRoutes me={me} />} />} />
          <Route path="introductions" element={<Guarded page={(me) => <IntroductionsPage me={me} />} />} />
          <Route path="confidentiality" element={<Guarded roles={['office', 'admin']} page={() => <GrantsPage />} />} />
          <Route path="coi/declaration" element={<Guarded page={() => <CoiDeclarationPage />} />} />
          <Route path="coi/management" element={<Guarded roles={['office', 'coi_committee']} page={(me) => <CoiManagementPage me={me} />} />} />
          <Route path="coi/cases/:id" element={<Guarded page={(me) => <CoiCasePage me={me} />} />} />
          <Route path="contracts/*" element={<Guarded page={(me) => <ContractsRoutes me={me} />} />} />
          <Route path="ethics/*" element={<Guarded page={(me) => <EthicsRoutes me={me} />} />} />
          <Route path="ip/*" element={<Guarded page={(me) => <IpRoutes me={me} />} />} />
          <Route path="deadlines" element={<Guarded roles={['office', 'admin']} page={() => <DeadlinesPage />} />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <LocalisedAntd>{children}</LocalisedAntd>
      </I18nextProvider>
    </QueryClientProvider>
  );
}

export function App({ queryClient: given }: { queryClient?: QueryClient }) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <Providers queryClient={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
