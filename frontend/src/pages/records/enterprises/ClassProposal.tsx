import { Alert, App, Button, Space } from 'antd';
import { useState } from 'react';
import { rejectEnterpriseClasses, verifyEnterpriseClasses, type EnterprisePublic } from '../../../api';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { ENTERPRISE_CLASSES } from '../../../lib/enums';
import { ApiError } from '../../../lib/apiError';
import { ifMatch, useStoreRecord } from '../lib/api';
import { useRecordScope } from '../lib/hooks';

/**
 * A unit's change of the classes figures count, waiting for the office: what would change, who proposed it, and
 * for the office 核实 (apply it; the figures follow) or 退回 (keep the verified classes).
 */
export function ClassProposal({ e }: { e: EnterprisePublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const scope = useRecordScope();
  const unitName = useUnitNames();
  const store = useStoreRecord();
  const [busy, setBusy] = useState<'verify' | 'reject' | null>(null);
  const proposal = e.proposed_classes;
  if (!proposal || Object.keys(proposal).length === 0) return null;

  const fieldLabel = (field: string) => {
    const c = ENTERPRISE_CLASSES.find((x) => `is_${x}` === field);
    return c ? enumLabel(t, 'enterpriseClass', c) : t('f.china500_list');
  };
  const valueLabel = (v: unknown) => (v === true ? t('common.yes') : v === false ? t('common.no') : v == null || v === '' ? '—' : String(v));
  const act = async (what: 'verify' | 'reject') => {
    setBusy(what);
    try {
      const call = what === 'verify' ? verifyEnterpriseClasses : rejectEnterpriseClasses;
      const { data } = await call({ path: { enterprise_id: e.id }, headers: ifMatch(e.version) });
      store('enterprise', data, ['visits', 'projects', 'progress']);
      void message.success(t(what === 'verify' ? 'ent.classes.verified' : 'ent.classes.rejected'));
    } catch (err) {
      void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="class-proposal"
      message={t('ent.classes.pending')}
      description={
        <>
          <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>
            {Object.entries(proposal).map(([field, value]) => (
              <li key={field}>
                {fieldLabel(field)}：{valueLabel(e[field as keyof EnterprisePublic])} → <b>{valueLabel(value)}</b>
              </li>
            ))}
          </ul>
          <div className="zs-muted">
            {t('ent.classes.by', {
              unit: unitName(e.classes_proposed_by_unit_id) || '—',
              who: e.classes_proposed_by ?? '—',
              at: e.classes_proposed_at ? formatDateTime(e.classes_proposed_at) : '—',
            })}
          </div>
          {scope.canVerify && (
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" size="small" loading={busy === 'verify'} disabled={busy !== null} onClick={() => void act('verify')}>
                {t('ent.classes.verify')}
              </Button>
              <Button size="small" loading={busy === 'reject'} disabled={busy !== null} onClick={() => void act('reject')}>
                {t('ent.classes.reject')}
              </Button>
            </Space>
          )}
        </>
      }
    />
  );
}
