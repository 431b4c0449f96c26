import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { LangSwitch } from '../app/LangSwitch';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, fieldErrorMap } from '../lib/apiError';
import { safeNext } from '../lib/safeNext';
import { useAuth } from './AuthProvider';
import { getEndReason } from './session';
import './login.css';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { status, login } = useAuth();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ detail: string; requestId?: string } | null>(null);
  const [capsLock, setCapsLock] = useState(false);
  const [endReason] = useState(getEndReason);

  if (status === 'ready') return <Navigate to={safeNext(params.get('next'))} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      const fields = fieldErrorMap(err);
      form.setFields(Object.entries(fields).map(([name, errors]) => ({ name: name as keyof LoginForm, errors })));
      if (err instanceof ApiError && !err.isNetwork) {
        setError({ detail: err.detail ?? t('error.unknown'), requestId: err.problem.request_id });
      } else {
        setError({ detail: t('error.network') });
      }
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setSubmitting(false);
    }
  };

  const onPasswordKey = (e: KeyboardEvent<HTMLInputElement>) => setCapsLock(e.getModifierState?.('CapsLock') ?? false);
  const notice = error ? null : endReason === 'expired' ? t('login.expired') : endReason === 'logout' ? t('login.loggedOut') : null;

  return (
    <main className="zs-login">
      <LangSwitch className="zs-login-lang" />
      <section className="zs-login-card" aria-labelledby="zs-login-title">
        <Typography.Title level={3} id="zs-login-title" className="zs-login-title">
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="zs-login-sub">
          {t('app.subtitle')}
        </Typography.Paragraph>
        {notice && <Alert type="info" showIcon message={notice} className="zs-login-alert" />}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="zs-login-alert"
            message={error.detail}
            description={error.requestId ? `${t('common.requestId')}: ${error.requestId}` : undefined}
          />
        )}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
            extra={capsLock ? <span className="zs-caps">{t('login.capsLock')}</span> : undefined}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              onKeyUp={onPasswordKey}
              onKeyDown={onPasswordKey}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="zs-login-hint">
          {t('login.hint')}
        </Typography.Paragraph>
      </section>
    </main>
  );
}
