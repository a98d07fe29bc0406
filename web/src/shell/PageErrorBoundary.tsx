// Around each page in the shell: a page that throws while rendering shows a message with a way
// back instead of blanking the whole app, and the menu and header stay usable. Moving to another
// page (or "retry") tries again.
import { Button, Result, Typography } from 'antd';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

interface BoundaryProps {
  /** When this changes (the route), a failed page is tried again. */
  resetKey: string;
  onReset?: () => void;
  fallback: (error: unknown, reset: () => void) => ReactNode;
  children: ReactNode;
}

interface BoundaryState {
  failed: boolean;
  error: unknown;
}

export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { failed: false, error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    // React reports the error itself (console in development, onCaughtError of the root).
    return { failed: true, error };
  }

  componentDidUpdate(previous: BoundaryProps) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.reset();
  }

  reset = () => {
    this.props.onReset?.();
    this.setState({ failed: false, error: null });
  };

  render() {
    return this.state.failed ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}

function PageFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('shell');
  const navigate = useNavigate();
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return (
    <Result
      status="error"
      title={t('pageError.title')}
      subTitle={t('pageError.text')}
      data-testid="page-error"
      extra={[
        <Button
          key="home"
          type="primary"
          onClick={() => {
            navigate('/');
            onRetry(); // also when the failed page was the home page itself
          }}
        >
          {t('pageError.home')}
        </Button>,
        <Button key="retry" onClick={onRetry}>
          {t('pageError.retry')}
        </Button>,
      ]}
    >
      {detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pageError.detail', { message: detail })}
        </Typography.Text>
      )}
    </Result>
  );
}

/** The boundary the shell puts around the page of the current route. */
export function PageErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  // Queries that failed with throwOnError are fetched again on retry instead of failing at once.
  const { reset } = useQueryErrorResetBoundary();
  return (
    <ErrorBoundary resetKey={location.pathname} onReset={reset} fallback={(error, retry) => <PageFailed error={error} onRetry={retry} />}>
      {children}
    </ErrorBoundary>
  );
}
