import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

function Crash() {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('error.pageCrash')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}

interface Props {
  children: ReactNode;
  resetKey?: string;
}

/** Catches a page that throws while rendering, or a lazy chunk that fails to load (e.g. after an upgrade). */
export class ErrorBoundary extends Component<Props, { failedAt: string | undefined | null }> {
  state = { failedAt: null as string | undefined | null };

  static getDerivedStateFromError() {
    return { failedAt: undefined };
  }

  componentDidCatch(error: unknown) {
    this.setState({ failedAt: this.props.resetKey });
    console.warn('page failed', error);
  }

  componentDidUpdate(prev: Props) {
    if (this.state.failedAt !== null && prev.resetKey !== this.props.resetKey) this.setState({ failedAt: null });
  }

  render() {
    return this.state.failedAt !== null ? <Crash /> : this.props.children;
  }
}
