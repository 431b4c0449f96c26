// The office's evidence rules: which files a record needs before it is submitted. Each rule is a switch with the
// server's own description; saving makes a new version (with its reason), like the counting rules.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { getEvidenceRules, setEvidenceRules, type EvidenceRules } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';

const WORDS = {
  zh: { reason: '修改原因', save: '保存为新版本', saved: '已保存', current: '当前版本：{by} {at}（{reason}）', none: '尚未设置，均不要求' },
  en: { reason: 'Reason for the change', save: 'Save as a new version', saved: 'Saved', current: 'In force: {by} {at} ({reason})', none: 'Not set: nothing required' },
} as const;

/** "中文 / English" → the part in the current language. */
function inLanguage(text: string | undefined, lang: string): string {
  if (!text) return '';
  const [zh, en] = text.split(/\s+\/\s+(?=[A-Za-z])/);
  return lang === 'en' ? (en ?? zh) : zh;
}

export function EvidenceRulesEditor() {
  const { lang } = useI18n();
  const w = WORDS[lang === 'en' ? 'en' : 'zh'];
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['evidence-rules'], queryFn: async () => (await getEvidenceRules()).data });
  const [draft, setDraft] = useState<EvidenceRules | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (current.error) return <Alert type="error" message={String(current.error)} />;
  if (!current.data) return null;
  const rules = draft ?? current.data.rules;
  const changed = draft !== null && JSON.stringify(draft) !== JSON.stringify(current.data.rules);

  const save = async () => {
    setBusy(true);
    try {
      await setEvidenceRules({ body: { rules, reason } });
      message.success(w.saved);
      setDraft(null);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['evidence-rules'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const d = current.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="evidence-rules">
      <Typography.Text type="secondary">
        {d.id ? w.current.replace('{by}', d.created_by).replace('{at}', formatDateTime(d.created_at)).replace('{reason}', d.reason) : w.none}
      </Typography.Text>
      {(Object.keys(rules) as (keyof EvidenceRules)[]).map((key) => (
        <label key={key} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Switch checked={Boolean(rules[key])} onChange={(on) => setDraft({ ...rules, [key]: on })}
            aria-label={inLanguage(d.descriptions?.[key], lang)} />
          <span>{inLanguage(d.descriptions?.[key], lang)}</span>
        </label>
      ))}
      <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={w.reason} aria-label={w.reason}
        maxLength={1000} style={{ maxWidth: 480 }} />
      <Button type="primary" disabled={!changed || !reason.trim()} loading={busy} onClick={() => void save()}>{w.save}</Button>
    </Space>
  );
}
