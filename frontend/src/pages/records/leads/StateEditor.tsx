import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { updateLead, type LeadPublic, type LeadState } from '../../../api';
import { enumOptions } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ApiError } from '../../../lib/apiError';
import { LEAD_STATES } from '../../../lib/enums';
import { ifMatch, useStoreRecord } from '../lib/api';
import { useRecordScope } from '../lib/hooks';

/** A writer of the unit a lead is assigned to (not its owner): it may move the lead's state, nothing else. */
export function useIsAssignee(lead: LeadPublic, owner: boolean): boolean {
  const scope = useRecordScope();
  return !owner && scope.canWrite && lead.assigned_unit_id === scope.myUnitId;
}

/** The unit a lead is assigned to reports back by moving its state (the API allows only that to it). */
export function StateEditor({ lead }: { lead: LeadPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const store = useStoreRecord();
  const [state, setState] = useState<LeadState>(lead.state);
  const save = useMutation({
    mutationFn: async () => (await updateLead({ path: { lead_id: lead.id }, body: { state }, headers: ifMatch(lead.version) })).data,
    onSuccess: (l) => {
      store('lead', l);
      void message.success(t('lead.stateSaved'));
    },
    onError: (err) => void message.error(err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network')),
  });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('lead.stateOnly')}
      action={
        <Space>
          <Select<LeadState> aria-label={t('f.state')} value={state} onChange={setState} style={{ width: 150 }}
                             options={enumOptions(t, 'leadState', LEAD_STATES) as { value: LeadState; label: string }[]} />
          <Button type="primary" disabled={state === lead.state} loading={save.isPending} onClick={() => save.mutate()}>{t('rec.save')}</Button>
        </Space>
      }
    />
  );
}
