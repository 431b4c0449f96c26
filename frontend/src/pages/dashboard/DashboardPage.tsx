import { Card, Col, Empty, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { roleLabel } from '../../i18n/labels';
import { allowedPages } from '../../app/pages';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  if (!me) return null;
  const unit = me.unit ? (lang === 'zh' ? me.unit.name_zh : me.unit.name_en) : t('user.cityWide');
  const shortcuts = allowedPages(me.permissions).filter((p) => p.path !== '/dashboard');

  return (
    <>
      <div className="zs-page-head">
        <h1>{t('menu.dashboard')}</h1>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('dashboard.welcome', { name: me.display_name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {roleLabel(me.role, t)} · {unit}
        </Typography.Text>
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{t('dashboard.intro')}</Typography.Paragraph>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('menu.dashboard')} style={{ marginBottom: 16 }}>
            <Empty description={t('dashboard.placeholder')} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('dashboard.quick')}>
            {shortcuts.length ? (
              <ul className="zs-shortcuts">
                {shortcuts.map((p) => (
                  <li key={p.path}>
                    <Link to={p.path}>
                      {p.icon} {t(p.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="zs-muted">{t('common.comingSoon')}</span>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
